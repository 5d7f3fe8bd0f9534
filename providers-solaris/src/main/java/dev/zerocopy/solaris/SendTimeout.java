package dev.zerocopy.solaris;

import dev.zerocopy.spi.CopyLoop;

/**
 * Bounds how long a {@code sendfile} into a <em>blocking</em> socket may sleep in the kernel (DESIGN rule
 * 8) with {@code SO_SNDTIMEO}, which Solaris 11 and illumos sockfs apply to stream-socket sends: when the
 * send buffer stays full for the timeout the call returns with EAGAIN and {@code *off} advanced by what
 * was sent, which the copy loop turns into a bounded {@code poll} tick that also observes interrupts and
 * closes. The descriptor stays blocking (a non-blocking one would shorten the user's own blocking
 * writes). Costs one {@code getsockopt} and two {@code setsockopt} per transfer, none per chunk (about 5 µs
 * through JNA, measured on the Linux build host); the previous timeout is restored when the transfer ends.
 */
final class SendTimeout implements AutoCloseable {

    /** The bound: one copy-loop wait tick. */
    static final long BOUND_MICROS = CopyLoop.WAIT_TICK_MILLIS * 1000L;

    private final SolarisLibc libc;
    private final int socket;
    private final long seconds;
    private final long micros;

    private SendTimeout(SolarisLibc libc, int socket, long seconds, long micros) {
        this.libc = libc;
        this.socket = socket;
        this.seconds = seconds;
        this.micros = micros;
    }

    /**
     * Bounds the socket's send timeout, unless it already is.
     *
     * @param libc   the C library
     * @param socket the socket
     * @return the bound to close at the end, or {@code null} if the timeout cannot be read or set
     */
    static SendTimeout bound(SolarisLibc libc, int socket) {
        long[] timeval = new long[2];
        if (libc.getSendTimeout(socket, timeval) != 0) {
            return null;
        }
        boolean bounded = timeval[0] == 0 && timeval[1] > 0 && timeval[1] <= BOUND_MICROS;
        if (!bounded && libc.setSendTimeout(socket, 0, BOUND_MICROS) != 0) {
            return null;
        }
        return bounded ? new SendTimeout(null, socket, 0, 0) : new SendTimeout(libc, socket, timeval[0], timeval[1]);
    }

    /** Restores the previous timeout. */
    @Override
    public void close() {
        if (libc != null) {
            libc.setSendTimeout(socket, seconds, micros);
        }
    }
}
