package dev.zerocopy.spi;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;

/**
 * Writes into a blocking {@link SocketChannel} or {@link java.nio.channels.Pipe.SinkChannel} in waits of at
 * most {@value #TICK_MILLIS} ms, so that a transfer whose reader does not read notices a close of its
 * <em>source</em>, which the JDK does not signal to a thread blocked in the target's write. Java has no
 * timed write: the wait is the JDK's own {@code poll} of the target's descriptor
 * ({@code sun.nio.ch.Net.poll}, a handle resolved once where {@code java.base/sun.nio.ch} is open to this
 * library), and each write is bounded to the room Linux promises once {@code poll} reports
 * {@code POLLOUT}:
 * <ul>
 *   <li>a socket: a quarter of its send buffer, as Linux reports {@code POLLOUT} once the free space is at
 *       least half of what is queued, so at least a third of the buffer ({@code tcp_poll} and
 *       {@code sk_stream_is_writeable} in {@code net/ipv4/tcp.c} and {@code include/net/sock.h});</li>
 *   <li>a pipe: {@value #PIPE_ROOM} bytes, as Linux reports {@code POLLOUT} while one of its page-sized
 *       slots is free ({@code pipe_poll} in {@code fs/pipe.c}).</li>
 * </ul>
 * The write itself is the channel's own, so its lock, a close of the target and an interrupt work as
 * always, and the channel stays in blocking mode for every other user.
 *
 * <p>Not used (the write is the channel's own blocking write, as the JDK's): on other systems, whose
 * {@code POLLOUT} promises less room; on a virtual thread, whose blocking write parks on the JDK's poller
 * and whose carrier a {@code poll} would hold; and where the handles are not available.
 */
final class TickingWriter {

    /** The longest wait before the transfer's channels are checked again. */
    static final int TICK_MILLIS = TickingSocketReader.TICK_MILLIS;

    /** What a Linux pipe takes without waiting once it reports room: one page, at least (PIPE_BUF). */
    static final int PIPE_ROOM = 4096;

    /** Whether this system's {@code POLLOUT} promises the room {@link #awaitRoom} relies on (Linux). */
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("linux");

    private TickingWriter() {
    }

    /**
     * Tells whether writes into the target are made in ticks.
     *
     * @param target the transfer's target
     * @return whether it is a JDK socket or pipe channel in blocking mode that this class can wait on
     */
    static boolean applies(WritableByteChannel target) {
        return LINUX && JdkChannelProtocol.AVAILABLE
                && (target.getClass() == JdkChannelProtocol.SOCKET || target.getClass() == JdkChannelProtocol.PIPE_SINK)
                && ((SelectableChannel) target).isBlocking() && !TransferContext.onVirtualThread();
    }

    /**
     * Waits, in ticks that check the transfer's channels, until the target has room, and returns how many
     * bytes a write may then hand over without blocking.
     *
     * @param target      the socket or pipe, one that {@link #applies(WritableByteChannel)}
     * @param guard       the transfer's guard
     * @param transferred the bytes transferred so far, for the guard's exceptions
     * @return the most bytes to write now, at least 1
     * @throws IOException the guard's exception, or the socket's if its send buffer cannot be read
     */
    static int awaitRoom(WritableByteChannel target, ChannelGuard guard, long transferred) throws IOException {
        FileDescriptor fd = JdkChannelProtocol.fd(target);
        do {
            guard.check(transferred);
        } while (!JdkChannelProtocol.poll(fd, JdkChannelProtocol.POLLOUT, TICK_MILLIS));    // or an error the write reports
        return room(target);
    }

    /**
     * How many bytes a blocking write into a Linux TCP socket or pipe may hand over without sleeping once
     * {@code poll} has reported {@code POLLOUT} (see the class description).
     *
     * @param target the socket or pipe
     * @return the bytes, at least 1
     * @throws IOException if a socket's send buffer size cannot be read (it is closed)
     */
    static int room(WritableByteChannel target) throws IOException {
        return target instanceof SocketChannel socket
                ? Math.max(1, socket.getOption(StandardSocketOptions.SO_SNDBUF) / 4) : PIPE_ROOM;
    }
}
