package dev.zerocopy.cli;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The transfer loops of the file tools: whole transfers when nobody watches, steps of {@link #STEP}
 * bytes when a progress bar is shown. Failures become {@link CliFailure}s that tell how many bytes
 * reached the target.
 */
final class Transfers {

    /** Bytes per transfer call while a progress bar is visible: a few redraws a second at disk speed. */
    static final long STEP = 16L << 20;

    private Transfers() {
    }

    /**
     * Sends the first {@code size} bytes of a file.
     *
     * @param zc       the transfer
     * @param source   the file
     * @param size     the bytes to send
     * @param target   the channel written to
     * @param progress the display
     * @param context  what is being done, for the failure message, such as {@code "sending /x to y:1"}
     * @return the bytes sent; less than {@code size} only if the file shrank meanwhile
     * @throws CliFailure if a transfer fails
     */
    static long fromFile(ZeroCopyTransfer zc, FileChannel source, long size, WritableByteChannel target,
            Progress progress, String context) throws CliFailure {
        long done = 0;
        try {
            while (done < size) {
                long step = progress.visible() ? Math.min(STEP, size - done) : size - done;
                long n = zc.transfer(source, done, step, target);
                if (n <= 0) {
                    break;
                }
                done += n;
                progress.update(done);
            }
        } catch (IOException e) {
            throw failure(context, done, e);
        }
        return done;
    }

    /**
     * Receives into a file from position 0 until the source ends.
     *
     * @param zc       the transfer
     * @param source   the channel read from, in blocking mode
     * @param target   the file, empty
     * @param progress the display
     * @param context  what is being done, for the failure message
     * @return the bytes received
     * @throws CliFailure if a transfer fails
     */
    static long intoFile(ZeroCopyTransfer zc, ReadableByteChannel source, FileChannel target, Progress progress,
            String context) throws CliFailure {
        long done = 0;
        try {
            while (true) {
                long step = progress.visible() ? STEP : Long.MAX_VALUE - done;
                long n = zc.transfer(source, target, done, step);
                done += n;
                progress.update(done);
                if (n < step) {
                    return done;
                }
            }
        } catch (IOException e) {
            throw failure(context, done, e);
        }
    }

    /**
     * Formats the summary line of a finished transfer, such as
     * {@code "copied 67108864 bytes (64 MiB) in 0.051 s, 1.23 GiB/s, provider linux"}.
     *
     * @param verb  what happened, such as {@code "copied"}
     * @param bytes the bytes moved
     * @param nanos the time it took
     * @param rest  where from and to, such as {@code "from a to b"}
     * @param zc    the transfer used
     * @return the line
     */
    static String summary(String verb, long bytes, long nanos, String rest, ZeroCopyTransfer zc) {
        return verb + " " + bytes + " bytes (" + Units.bytes(bytes) + ") " + rest + " in " + Units.seconds(nanos)
                + ", " + Units.gibPerSecond(bytes, nanos) + ", provider " + zc.name();
    }

    private static CliFailure failure(String context, long doneBefore, IOException e) {
        long total = doneBefore + (e instanceof PartialTransfer partial ? partial.bytesTransferred() : 0);
        return new CliFailure(context + " stopped after " + total + " bytes", e);
    }
}
