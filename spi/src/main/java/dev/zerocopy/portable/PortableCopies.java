package dev.zerocopy.portable;

import dev.zerocopy.spi.TransferContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.WritableByteChannel;

/**
 * The pure-Java copies: loops over the JDK's own {@code transferTo}/{@code transferFrom} (which may return
 * after any prefix, and stop at about 2 GiB per call) and a direct-buffer loop for arbitrary channels.
 * They complete {@link dev.zerocopy.ZeroCopyTransfer}'s contract and are every provider's fallback.
 */
public final class PortableCopies {

    /** Mechanism name of the JDK's own transfer methods. */
    public static final String JDK = "jdk";
    /** Mechanism name of the direct-buffer loop. */
    public static final String BUFFER = "buffer";

    private static final int SELECT_TICK_MILLIS = 50;

    private PortableCopies() {
    }

    /**
     * File to channel with {@link FileChannel#transferTo}, repeated until the count is reached, the file
     * ends, or (non-blocking target) the target is full.
     *
     * @param source   the file
     * @param position the first position
     * @param count    the most bytes
     * @param target   the channel
     * @param context  the transfer's context
     * @return the bytes transferred
     * @throws IOException on failure
     */
    public static long fileToChannel(FileChannel source, long position, long count, WritableByteChannel target,
            TransferContext context) throws IOException {
        context.mechanism(JDK);
        long written = 0;
        while (written < count) {
            context.guard().check(written);
            long n;
            try {
                n = source.transferTo(position + written, count - written, target);
            } catch (IOException e) {
                throw context.guard().failed("transferTo", e, written);
            }
            if (n <= 0) {
                break;          // end of file, or a non-blocking target that is full
            }
            written += n;
        }
        return written;
    }

    /**
     * Channel to file: from another file with {@link FileChannel#transferFrom}, from anything else with a
     * direct-buffer loop (the JDK's own loop for that case copies 8 KiB at a time). Stops at the count,
     * the end of the source or, for a non-blocking source, when it has nothing to read.
     *
     * @param source   the channel
     * @param target   the file
     * @param position the first position to write, possibly beyond the end of the file
     * @param count    the most bytes
     * @param context  the transfer's context
     * @return the bytes transferred
     * @throws IOException on failure
     */
    public static long channelToFile(ReadableByteChannel source, FileChannel target, long position, long count,
            TransferContext context) throws IOException {
        if (source instanceof FileChannel && position <= target.size()) {
            context.mechanism(JDK);
            long written = 0;
            while (written < count) {
                context.guard().check(written);
                long n;
                try {
                    n = target.transferFrom(source, position + written, count - written);
                } catch (IOException e) {
                    throw context.guard().failed("transferFrom", e, written);
                }
                if (n <= 0) {
                    break;
                }
                written += n;
            }
            return written;
        }
        context.mechanism(BUFFER);
        ByteBuffer buffer = BufferPool.take();
        try {
            long written = 0;
            while (written < count) {
                context.guard().check(written);
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - written));
                int n = read(source, buffer, written, context);
                if (n <= 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    try {
                        written += target.write(buffer, position + written);
                    } catch (IOException e) {
                        throw context.guard().failed("write", e, written);
                    }
                }
            }
            return written;
        } finally {
            BufferPool.give(buffer);
        }
    }

    /**
     * Channel to channel with a direct-buffer loop until the source ends. A non-blocking source that has
     * nothing to read ends the loop; bytes already read are always written before the method returns,
     * waiting for a non-blocking target to accept them if need be.
     *
     * @param source  the channel read from
     * @param target  the channel written to
     * @param context the transfer's context
     * @return the bytes transferred
     * @throws IOException on failure
     */
    public static long channelToChannel(ReadableByteChannel source, WritableByteChannel target,
            TransferContext context) throws IOException {
        context.mechanism(BUFFER);
        ByteBuffer buffer = BufferPool.take();
        try {
            long written = 0;
            while (true) {
                context.guard().check(written);
                buffer.clear();
                int n = read(source, buffer, written, context);
                if (n <= 0) {
                    return written;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    int w;
                    try {
                        w = target.write(buffer);
                    } catch (IOException e) {
                        throw context.guard().failed("write", e, written);
                    }
                    written += w;
                    if (w == 0) {
                        awaitWritable(target, context, written);
                    }
                }
            }
        } finally {
            BufferPool.give(buffer);
        }
    }

    private static int read(ReadableByteChannel source, ByteBuffer buffer, long written, TransferContext context)
            throws IOException {
        try {
            return source.read(buffer);
        } catch (IOException e) {
            throw context.guard().failed("read", e, written);
        }
    }

    /** Waits in bounded ticks until a non-blocking target accepts bytes again. */
    private static void awaitWritable(WritableByteChannel target, TransferContext context, long written)
            throws IOException {
        if (!(target instanceof SelectableChannel selectable) || selectable.isBlocking()) {
            context.guard().check(written);
            Thread.onSpinWait();
            return;
        }
        try (Selector selector = selectable.provider().openSelector()) {
            selectable.register(selector, SelectionKey.OP_WRITE);
            while (selector.select(SELECT_TICK_MILLIS) == 0) {
                context.guard().check(written);
            }
        }
    }
}
