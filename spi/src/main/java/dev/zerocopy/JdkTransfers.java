package dev.zerocopy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The JDK's own {@link FileChannel#transferTo} and {@link FileChannel#transferFrom}, repeated until the
 * count has moved: the loop that code without zerocopy must write, because each call may return after
 * any prefix (and moves at most about 2 GiB). It is the baseline that {@link ZeroCopyTransfer} is
 * measured against; unlike {@link ZeroCopyTransfer#transfer}, an exception here says nothing of the bytes
 * moved by the calls before it.
 */
public final class JdkTransfers {

    private JdkTransfers() {
    }

    /**
     * Calls {@code source.transferTo} until {@code count} bytes moved or a call moved nothing (the end of
     * the file, or a non-blocking target that is full).
     *
     * @param source   the file
     * @param position the first position to read
     * @param count    the most bytes
     * @param target   the channel
     * @return the bytes moved
     * @throws IOException as {@link FileChannel#transferTo}
     */
    public static long transferTo(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        long done = 0;
        while (done < count) {
            long n = source.transferTo(position + done, count - done, target);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /**
     * Calls {@code target.transferFrom} until {@code count} bytes moved or a call moved nothing (the end of
     * the source, a non-blocking source with nothing to read, or a position beyond the file's end where the
     * running JDK transfers nothing there).
     *
     * @param source   the channel
     * @param target   the file
     * @param position the first position to write
     * @param count    the most bytes
     * @return the bytes moved
     * @throws IOException as {@link FileChannel#transferFrom}
     */
    public static long transferFrom(ReadableByteChannel source, FileChannel target, long position, long count)
            throws IOException {
        long done = 0;
        while (done < count) {
            long n = target.transferFrom(source, position + done, count - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
