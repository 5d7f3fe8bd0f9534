package dev.zerocopy.spi;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;

/**
 * Writes into a blocking {@link SocketChannel} in waits of at most {@value #TICK_MILLIS} ms, so that a
 * transfer whose peer does not read notices a close of its <em>source</em>, which the JDK does not signal
 * to a thread blocked in the socket's write. Java has no timed write: the wait is the JDK's own
 * {@code poll} of the socket's descriptor ({@code sun.nio.ch.Net.poll}, a handle resolved once where
 * {@code java.base/sun.nio.ch} is open to this library), and each write is bounded to a quarter of the
 * socket's send buffer, which Linux keeps free whenever {@code poll} reports {@code POLLOUT} (it does so
 * once the free space is at least half of what is queued, so at least a third of the buffer:
 * {@code tcp_poll} and {@code sk_stream_is_writeable} in {@code net/ipv4/tcp.c} and
 * {@code include/net/sock.h}). The write itself is the channel's own, so its lock, a close of the socket and
 * an interrupt work as always.
 *
 * <p>Not used (the write is the channel's own blocking write, as the JDK's): on other systems, whose
 * {@code POLLOUT} promises less room; on a virtual thread, whose blocking write parks on the JDK's poller
 * and whose carrier a {@code poll} would hold; and where the handles are not available.
 */
final class TickingSocketWriter {

    /** The longest wait before the transfer's channels are checked again. */
    static final int TICK_MILLIS = TickingSocketReader.TICK_MILLIS;

    /** Whether this system's {@code POLLOUT} promises the room {@link #awaitRoom} relies on (Linux). */
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("linux");

    private TickingSocketWriter() {
    }

    /**
     * Tells whether writes into the target are made in ticks.
     *
     * @param target the transfer's target
     * @return whether it is a JDK socket channel in blocking mode that this class can wait on
     */
    static boolean applies(WritableByteChannel target) {
        return LINUX && JdkChannelProtocol.AVAILABLE && target.getClass() == JdkChannelProtocol.SOCKET
                && ((SocketChannel) target).isBlocking() && !TransferContext.onVirtualThread();
    }

    /**
     * Waits, in ticks that check the transfer's channels, until the socket has room, and returns how many
     * bytes a write may then hand over without blocking.
     *
     * @param target      the socket, one that {@link #applies(WritableByteChannel)}
     * @param guard       the transfer's guard
     * @param transferred the bytes transferred so far, for the guard's exceptions
     * @return the most bytes to write now, at least 1
     * @throws IOException the guard's exception, or the socket's if its send buffer cannot be read
     */
    static int awaitRoom(SocketChannel target, ChannelGuard guard, long transferred) throws IOException {
        FileDescriptor fd;
        try {
            fd = (FileDescriptor) JdkChannelProtocol.GET_FD.invokeExact((Channel) target);
            while (true) {
                guard.check(transferred);
                if ((int) JdkChannelProtocol.NET_POLL.invokeExact(fd, JdkChannelProtocol.POLLOUT, (long) TICK_MILLIS)
                        != 0) {
                    break;      // room, or an error that the write reports
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return room(target);
    }

    /**
     * How many bytes a blocking write into a Linux TCP socket may hand over without sleeping once
     * {@code poll} has reported {@code POLLOUT}: a quarter of its send buffer (see the class description).
     *
     * @param socket the socket
     * @return the bytes, at least 1
     * @throws IOException if the send buffer's size cannot be read (the socket is closed)
     */
    static int room(SocketChannel socket) throws IOException {
        return Math.max(1, socket.getOption(StandardSocketOptions.SO_SNDBUF) / 4);
    }
}
