package dev.zerocopy.cli;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The transfer loops of the file tools: whole transfers when nobody watches, steps of {@link #STEP}
 * bytes when a progress bar is shown. Every source is read until its end of file, whatever size it
 * reports: after the provider stops, a read through the JDK confirms the end, and if there is more (a
 * provider that trusts a procfs file's size of 0, or cannot read a FIFO) the rest is copied with plain
 * JDK reads and writes. Failures become {@link CliFailure}s with one byte count.
 */
final class Transfers {

    /** Bytes per transfer call while a progress bar is visible: a few redraws a second at disk speed. */
    static final long STEP = 16L << 20;

    /** Bytes per read of the JDK loop. */
    static final int BUFFER = 256 * 1024;

    /** Who is at the other end of a connection, for the wording of failures. */
    enum Peer {
        /** No connection: a file copy. */
        NONE,
        /** The command sends: the peer receives. */
        RECEIVER,
        /** The command receives: the peer sends. */
        SENDER
    }

    private final ZeroCopyTransfer zc;
    private final Progress progress;
    private final String context;
    private final Peer peer;
    private ByteBuffer buffer;
    private long done;

    /**
     * Creates the loop of one command.
     *
     * @param zc       the transfer
     * @param progress the display
     * @param context  what is being done, for failures, such as {@code "sending /x to y:1"}
     * @param peer     the other end, for failures
     */
    Transfers(ZeroCopyTransfer zc, Progress progress, String context, Peer peer) {
        this.zc = zc;
        this.progress = progress;
        this.context = context;
        this.peer = peer;
    }

    /**
     * Returns the bytes that reached the target so far.
     *
     * @return the count
     */
    long done() {
        return done;
    }

    /**
     * Copies a source to its end of file.
     *
     * @param source the source
     * @param target the channel written to, in blocking mode
     * @return the bytes copied
     * @throws CliFailure if reading or writing fails
     */
    long copy(InputFile source, WritableByteChannel target) throws CliFailure {
        try {
            if (source.regular()) {
                copyFile(source.channel(), target);
            } else {
                copyStream(source.channel(), target);
            }
        } catch (IOException e) {
            throw failure(e);
        }
        return done;
    }

    /**
     * Runs the provider once on throwaway pipes, so that its one-time set-up (native bindings, the JFR
     * event class, loading the code of the path: about 0.1 s) is not counted in the time from the first
     * byte, which the summary reports. From a regular source it transfers at most one byte from its end
     * into a pipe that is then discarded: a positional read, so the source's position does not move and
     * nothing reaches the real target.
     *
     * @param zc     the transfer
     * @param source the source, or {@code null}
     */
    static void prime(ZeroCopyTransfer zc, InputFile source) {
        Pipe from = null;
        Pipe to = null;
        try {
            from = Pipe.open();
            to = Pipe.open();
            from.sink().write(ByteBuffer.wrap(new byte[1]));
            from.sink().close();
            zc.transfer(from.source(), to.sink());
            if (source != null && source.regular()) {
                FileChannel file = source.channel();
                zc.transfer(file, file.size(), 1, to.sink());
            }
        } catch (IOException | RuntimeException ignored) {
            // the real transfer reports whatever is wrong
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Pipe pipe) {
        if (pipe != null) {
            for (Channel end : new Channel[] {pipe.source(), pipe.sink()}) {
                try {
                    end.close();
                } catch (IOException ignored) {
                    // a throwaway pipe
                }
            }
        }
    }

    /** A regular file, by position from 0: the provider's calls, then the JDK's reads until the end. */
    private void copyFile(FileChannel source, WritableByteChannel target) throws IOException {
        long n;
        do {
            long step = progress.visible() ? STEP : Long.MAX_VALUE - done;
            n = zc.transfer(source, done, step, target);
            advance(n);
        } while (n > 0);
        ByteBuffer bytes = buffer();
        while (true) {
            bytes.clear();
            if (source.read(bytes, done) < 0) {
                return;
            }
            bytes.flip();
            write(bytes, target);
        }
    }

    /**
     * A stream (FIFO, character device, standard input): the provider's until-end-of-stream call, then
     * the JDK's reads until the end; the JDK's reads alone if the provider refuses the source before it
     * took a byte.
     */
    private void copyStream(ReadableByteChannel source, WritableByteChannel target) throws IOException {
        try {
            advance(zc.transfer(source, target));
        } catch (IOException e) {
            if (!refusedBeforeTheFirstByte(e, source, target)) {
                throw e;
            }
        }
        pump(source, target);
    }

    private static boolean refusedBeforeTheFirstByte(IOException e, Channel source, Channel target) {
        long moved = e instanceof PartialTransfer partial ? partial.bytesTransferred() : 0;
        return moved == 0 && !(e instanceof ClosedChannelException) && source.isOpen() && target.isOpen()
                && !Thread.currentThread().isInterrupted() && !Interruption.requested();
    }

    /**
     * Receives until the source ends: into a regular file from position 0, or into a stream (standard
     * output, a FIFO) with the until-end-of-stream call.
     *
     * @param source  the channel read from, in blocking mode
     * @param target  the target, empty
     * @param regular whether the target is a regular file
     * @return the bytes received
     * @throws CliFailure if a transfer fails
     */
    long receive(ReadableByteChannel source, FileChannel target, boolean regular) throws CliFailure {
        try {
            if (!regular) {
                copyStream(source, target);
                return done;
            }
            while (true) {
                long step = progress.visible() ? STEP : Long.MAX_VALUE - done;
                long n = zc.transfer(source, target, done, step);
                advance(n);
                if (n < step) {
                    return done;
                }
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Copies with the JDK's reads and writes until the source ends.
     *
     * @param source the source, in blocking mode
     * @param target the target, in blocking mode
     * @throws IOException if reading or writing fails
     */
    private void pump(ReadableByteChannel source, WritableByteChannel target) throws IOException {
        ByteBuffer bytes = buffer();
        while (true) {
            bytes.clear();
            if (source.read(bytes) < 0) {
                return;
            }
            bytes.flip();
            write(bytes, target);
        }
    }

    private void write(ByteBuffer bytes, WritableByteChannel target) throws IOException {
        while (bytes.hasRemaining()) {
            advance(target.write(bytes));
        }
    }

    private void advance(long n) {
        done += n;
        progress.update(done);
    }

    private ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER);
        }
        return buffer;
    }

    /**
     * Describes a failure with the one byte count that reached the target, in the user's words, such
     * as {@code "sending a to h:1: connection closed by the receiver after 5 bytes (Broken pipe)"}.
     *
     * @param e the exception
     * @return the failure
     */
    CliFailure failure(IOException e) {
        long total = done + (e instanceof PartialTransfer partial ? partial.bytesTransferred() : 0);
        CliFailure failure = new CliFailure(context + ": " + Failures.afterBytes(e, total, peer));
        failure.initCause(e);
        return failure;
    }

    /**
     * Formats the summary line of a finished transfer, such as
     * {@code "copied 67108864 bytes (64 MiB) from a to b in 0.051 s, 1.23 GiB/s, provider linux"}.
     *
     * @param verb  what happened, such as {@code "copied"}
     * @param bytes the bytes moved
     * @param nanos the time it took, from the first byte
     * @param rest  where from and to, such as {@code "from a to b"}
     * @param zc    the transfer used
     * @return the line
     */
    static String summary(String verb, long bytes, long nanos, String rest, ZeroCopyTransfer zc) {
        return verb + " " + bytes + " bytes (" + Units.bytes(bytes) + ") " + rest + " in " + Units.seconds(nanos)
                + ", " + Units.throughput(bytes, nanos) + ", provider " + zc.name();
    }
}
