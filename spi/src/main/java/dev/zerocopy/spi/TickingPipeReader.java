package dev.zerocopy.spi;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Reads a blocking {@link Pipe.SourceChannel} in waits of at most {@value #TICK_MILLIS} ms, so that a
 * transfer blocked on a quiet pipe notices a close of its <em>other</em> channel, which the JDK does not
 * signal to a thread blocked in the pipe's read. A pipe has no timed read; the wait is one of two:
 * <ul>
 *   <li>for the JDK's own pipe where {@code java.base/sun.nio.ch} is open to this library, on a platform
 *       thread: the JDK's own {@code poll} of the pipe's descriptor ({@code sun.nio.ch.Net.poll}), then
 *       the channel's own blocking read, which returns what the pipe holds. The pipe stays in blocking
 *       mode for every other user; only another reader taking the bytes between the two makes the read
 *       wait for more.</li>
 *   <li>otherwise (no such access, another provider's pipe, or a virtual thread, whose carrier a
 *       {@code poll} would hold): for the
 *       transfer the source is switched to non-blocking mode and waited on with a {@link Selector};
 *       {@link #close()} switches it back. Another thread's read of the same pipe meanwhile would see the
 *       non-blocking mode, so a transfer should then be the pipe's only reader (its reads and another's
 *       would interleave the stream anyway). The JDK changes a pipe source's mode holding only its read
 *       lock, so no writer is waited for.</li>
 * </ul>
 */
final class TickingPipeReader implements AutoCloseable {

    /** The longest wait before the transfer's channels are checked again. */
    static final int TICK_MILLIS = TickingSocketReader.TICK_MILLIS;

    private final Pipe.SourceChannel source;
    private final FileDescriptor polled;
    private final Selector selector;

    private TickingPipeReader(Pipe.SourceChannel source, FileDescriptor polled, Selector selector) {
        this.source = source;
        this.polled = polled;
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
        if (JdkChannelProtocol.AVAILABLE && source.getClass() == JdkChannelProtocol.PIPE_SOURCE
                && !TransferContext.onVirtualThread()) {
            return new TickingPipeReader(source, JdkChannelProtocol.fd(source), null);
        }
        Selector selector = source.provider().openSelector();
        try {
            source.configureBlocking(false);
            source.register(selector, SelectionKey.OP_READ);
            return new TickingPipeReader(source, null, selector);
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
        if (polled != null) {
            do {
                guard.check(transferred);
            } while (!JdkChannelProtocol.poll(polled, JdkChannelProtocol.POLLIN, TICK_MILLIS));
            return source.read(dst);
        }
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

    /** Closes the selector and puts the pipe back into blocking mode, if it switched it and it is still open. */
    @Override
    public void close() {
        if (selector != null) {
            restore(source, selector);
        }
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
