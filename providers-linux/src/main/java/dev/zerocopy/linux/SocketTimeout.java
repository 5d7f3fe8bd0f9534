package dev.zerocopy.linux;

import dev.zerocopy.spi.CopyLoop;

/**
 * Bounds how long a system call on a <em>blocking</em> socket may sleep in the kernel (DESIGN §3 rule 8):
 * for the duration of a transfer, the socket's {@code SO_SNDTIMEO} or {@code SO_RCVTIMEO} is set to one
 * wait tick, so that a {@code sendfile} or {@code splice} whose peer stops reading returns (with the bytes
 * it moved, or EAGAIN) and the copy loop can observe interrupts and closes; then the previous value is
 * restored. The socket stays in blocking mode throughout: the JDK's own blocking reads and writes on it
 * retry EAGAIN, and a user's blocking write never sees a short count after the transfer.
 *
 * <p>Cost: one {@code getsockopt} and two {@code setsockopt} per transfer (not per chunk).
 */
final class SocketTimeout implements AutoCloseable {

    private static final long TICK_MICROS = CopyLoop.WAIT_TICK_MILLIS * 1000L;

    private final int fd;
    private final int option;
    private final long[] previous;

    private SocketTimeout(int fd, int option, long[] previous) {
        this.fd = fd;
        this.option = option;
        this.previous = previous;
    }

    /**
     * Bounds the socket's send or receive waits to one tick, unless they already are.
     *
     * @param fd     the socket
     * @param option {@link LinuxLibc#SO_SNDTIMEO} or {@link LinuxLibc#SO_RCVTIMEO}
     * @return what restores the previous timeout on close
     */
    static SocketTimeout bound(int fd, int option) {
        long[] previous = new long[2];
        int[] length = {16};
        if (LinuxLibc.getsockopt(fd, LinuxLibc.SOL_SOCKET, option, previous, length) != 0) {
            return new SocketTimeout(fd, option, null);     // not a socket option we can read: leave it
        }
        long previousMicros = previous[0] * 1_000_000L + previous[1];
        if (previousMicros > 0 && previousMicros <= TICK_MICROS) {
            return new SocketTimeout(fd, option, null);
        }
        long[] tick = {0, TICK_MICROS};
        if (LinuxLibc.setsockopt(fd, LinuxLibc.SOL_SOCKET, option, tick, 16) != 0) {
            return new SocketTimeout(fd, option, null);
        }
        return new SocketTimeout(fd, option, previous);
    }

    @Override
    public void close() {
        if (previous != null) {
            LinuxLibc.setsockopt(fd, LinuxLibc.SOL_SOCKET, option, previous, 16);
        }
    }
}
