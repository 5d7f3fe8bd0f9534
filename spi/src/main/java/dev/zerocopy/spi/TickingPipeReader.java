package dev.zerocopy.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Reads a blocking {@link Pipe.SourceChannel} in waits of at most {@value #TICK_MILLIS} ms, so that a
 * transfer blocked on a quiet pipe notices a close of its <em>other</em> channel, which the JDK does not
 * signal to a thread blocked in the pipe's read. A pipe has no timed read: for the transfer the source is
 * switched to non-blocking mode and waited on with a {@link Selector}; {@link #close()} switches it back.
 * Another thread's read of the same pipe meanwhile would see the non-blocking mode; a transfer is the
 * pipe's only reader while it runs (its reads and another's would interleave the stream anyway). The JDK
 * changes a pipe source's mode holding only its read lock, so no writer is waited for.
 */
final class TickingPipeReader implements AutoCloseable {

    /** The longest wait before the transfer's channels are checked again. */
    static final int TICK_MILLIS = TickingSocketReader.TICK_MILLIS;

    private final Pipe.SourceChannel source;
    private final Selector selector;

    private TickingPipeReader(Pipe.SourceChannel source, Selector selector) {
        this.source = source;
        this.selector = selector;
    }

    /**
     * Prepares ticking reads of a pipe source in blocking mode.
     *
     * @param source the pipe's source, in blocking mode
     * @return the reader
     * @throws IOException if the pipe is closed or no selector can be opened
     */
    static TickingPipeReader open(Pipe.SourceChannel source) throws IOException {
        Selector selector = source.provider().openSelector();
        try {
            source.configureBlocking(false);
            source.register(selector, SelectionKey.OP_READ);
            return new TickingPipeReader(source, selector);
        } catch (Throwable e) {
            restore(source, selector);
            throw e;
        }
    }

    /**
     * Reads into {@code dst} what the pipe has, waiting in ticks and checking the transfer's channels
     * between them.
     *
     * @param dst         the buffer, with room
     * @param guard       the transfer's guard
     * @param transferred the bytes transferred so far, for the guard's exceptions
     * @return the bytes read, or {@code -1} at the end of the stream
     * @throws IOException as the channel's read, or the guard's exception
     */
    int read(ByteBuffer dst, ChannelGuard guard, long transferred) throws IOException {
        while (true) {
            guard.check(transferred);
            int n = source.read(dst);
            if (n != 0) {
                return n;
            }
            selector.select(TICK_MILLIS);
            selector.selectedKeys().clear();
        }
    }

    /** Closes the selector and puts the pipe back into blocking mode, if it is still open. */
    @Override
    public void close() {
        restore(source, selector);
    }

    private static void restore(Pipe.SourceChannel source, Selector selector) {
        try {
            selector.close();       // deregisters the source: only then may its mode change back
        } catch (IOException ignored) {
            // a selector that cannot close has nothing left to deregister
        }
        try {
            if (source.isOpen()) {
                source.configureBlocking(true);
            }
        } catch (IOException closed) {
            // closed meanwhile: no mode to restore
        } catch (IllegalBlockingModeException registeredElsewhere) {
            // another thread registered the pipe with its own selector meanwhile, which needs it
            // non-blocking: it stays so, and the transfer's result stands
        }
    }
}
