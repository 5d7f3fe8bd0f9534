package dev.zerocopy.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.WritableByteChannel;

/**
 * Reads a blocking {@link Pipe.SourceChannel}, or writes a blocking {@link Pipe.SinkChannel}, in waits of at
 * most {@value #TICK_MILLIS} ms, so that a transfer blocked on a quiet pipe (or on a full one whose reader
 * does not read) notices a close of its <em>other</em> channel, which the JDK does not signal to a thread
 * blocked in the pipe's read or write. A pipe has no timed read or write: for the transfer the pipe's end is
 * switched to non-blocking mode and waited on with a {@link Selector}; {@link #close()} switches it back.
 *
 * <p>Another thread's read or write of the same pipe end meanwhile would see the non-blocking mode (a read
 * returning 0, a write returning short): a transfer is the end's only user while it runs, as its reads or
 * writes and another's would interleave the stream anyway. The JDK changes a pipe end's mode holding only
 * that end's one lock (a source's read lock, a sink's write lock), so the switch waits for no thread on the
 * pipe's other end.
 */
final class TickingPipe implements AutoCloseable {

    /** The longest wait before the transfer's channels are checked again. */
    static final int TICK_MILLIS = TickingSocketReader.TICK_MILLIS;

    private final SelectableChannel end;
    private final Selector selector;

    private TickingPipe(SelectableChannel end, Selector selector) {
        this.end = end;
        this.selector = selector;
    }

    /**
     * Prepares ticking reads of a pipe source in blocking mode.
     *
     * @param source the pipe's source, in blocking mode
     * @return the reader
     * @throws IOException if the pipe is closed or no selector can be opened
     */
    static TickingPipe reading(Pipe.SourceChannel source) throws IOException {
        return open(source, SelectionKey.OP_READ);
    }

    /**
     * Prepares ticking writes into a pipe sink in blocking mode.
     *
     * @param sink the pipe's sink, in blocking mode
     * @return the writer
     * @throws IOException if the pipe is closed or no selector can be opened
     */
    static TickingPipe writing(Pipe.SinkChannel sink) throws IOException {
        return open(sink, SelectionKey.OP_WRITE);
    }

    private static TickingPipe open(SelectableChannel end, int interest) throws IOException {
        Selector selector = end.provider().openSelector();
        try {
            end.configureBlocking(false);
            end.register(selector, interest);
            return new TickingPipe(end, selector);
        } catch (Throwable e) {
            restore(end, selector);
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
            int n = ((ReadableByteChannel) end).read(dst);
            if (n != 0) {
                return n;
            }
            tick();
        }
    }

    /**
     * Writes from {@code src} what the pipe takes, waiting in ticks while it is full and checking the
     * transfer's channels between them.
     *
     * @param src         the buffer, with bytes
     * @param guard       the transfer's guard
     * @param transferred the bytes transferred so far, for the guard's exceptions
     * @return the bytes written, at least 1
     * @throws IOException as the channel's write, or the guard's exception
     */
    int write(ByteBuffer src, ChannelGuard guard, long transferred) throws IOException {
        while (true) {
            guard.check(transferred);
            int n = ((WritableByteChannel) end).write(src);
            if (n != 0) {
                return n;
            }
            tick();
        }
    }

    private void tick() throws IOException {
        selector.select(TICK_MILLIS);
        selector.selectedKeys().clear();
    }

    /** Closes the selector and puts the pipe back into blocking mode, if it is still open. */
    @Override
    public void close() {
        restore(end, selector);
    }

    private static void restore(SelectableChannel end, Selector selector) {
        try {
            selector.close();       // deregisters the pipe: only then may its mode change back
        } catch (IOException ignored) {
            // a selector that cannot close has nothing left to deregister
        }
        try {
            if (end.isOpen()) {
                end.configureBlocking(true);
            }
        } catch (IOException closed) {
            // closed meanwhile: no mode to restore
        } catch (IllegalBlockingModeException registeredElsewhere) {
            // another thread registered the pipe with its own selector meanwhile, which needs it
            // non-blocking: it stays so, and the transfer's result stands
        }
    }
}
