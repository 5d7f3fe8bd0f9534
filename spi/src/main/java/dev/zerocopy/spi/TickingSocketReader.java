package dev.zerocopy.spi;

import dev.zerocopy.spi.ChannelGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Reads a blocking {@link SocketChannel} in waits of at most {@value #TICK_MILLIS} ms, so that a transfer
 * blocked on a quiet socket notices a close of its <em>other</em> channel, which the JDK does not signal to
 * a thread blocked in the socket's read. The waits are the JDK's own timed reads of the socket's stream
 * ({@link Socket#setSoTimeout}): the channel stays in blocking mode for every other user, a timeout leaves
 * it intact, and a close of the socket or an interrupt wakes the read as it wakes a channel read. The
 * socket's own timeout is restored by {@link #close()}.
 */
final class TickingSocketReader implements AutoCloseable {

    /** The longest wait before the transfer's channels are checked again. */
    static final int TICK_MILLIS = 50;

    private final Socket socket;
    private final InputStream in;
    private final int savedTimeout;
    private final byte[] array;

    private TickingSocketReader(Socket socket, InputStream in, int savedTimeout, int size) {
        this.socket = socket;
        this.in = in;
        this.savedTimeout = savedTimeout;
        this.array = new byte[size];
    }

    /**
     * Prepares ticking reads of a connected socket channel in blocking mode.
     *
     * @param channel the socket
     * @param size    the largest read
     * @return the reader
     * @throws IOException if the socket's stream or timeout cannot be had (it is closed, not connected, or
     *         its input was shut down)
     */
    static TickingSocketReader open(SocketChannel channel, int size) throws IOException {
        Socket socket = channel.socket();
        int saved = socket.getSoTimeout();
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(TICK_MILLIS);
        return new TickingSocketReader(socket, in, saved, size);
    }

    /**
     * Reads into {@code dst} what the socket has, waiting in ticks and checking the transfer's channels
     * between them.
     *
     * @param dst         the buffer, with room
     * @param guard       the transfer's guard
     * @param transferred the bytes transferred so far, for the guard's exceptions
     * @return the bytes read, or {@code -1} at the end of the stream
     * @throws IOException as the channel's read, or the guard's exception
     */
    int read(ByteBuffer dst, ChannelGuard guard, long transferred) throws IOException {
        int length = Math.min(array.length, dst.remaining());
        while (true) {
            guard.check(transferred);
            int n;
            try {
                n = in.read(array, 0, length);
            } catch (SocketTimeoutException tick) {
                continue;
            }
            if (n > 0) {
                dst.put(array, 0, n);
            }
            return n;
        }
    }

    /** Restores the socket's own timeout, if the socket is still open. */
    @Override
    public void close() {
        try {
            socket.setSoTimeout(savedTimeout);
        } catch (IOException closed) {
            // a closed socket has no timeout to restore
        }
    }
}
