package dev.zerocopy.bsd;

import dev.zerocopy.spi.CopyLoop;

/**
 * Bounds how long a {@code sendfile} into a <em>blocking</em> socket may sleep in the kernel (DESIGN
 * rule 8), with the bound BSD offers for exactly this: {@code SO_SNDTIMEO}. FreeBSD's and macOS's
 * {@code sendfile} wait for socket-buffer space with the socket's send timeout and, when it expires,
 * return EAGAIN with the bytes sent so far in {@code sbytes}/{@code *len} (FreeBSD kern_sendfile.c
 * {@code sbwait}, xnu {@code sbwait} in sendfile), which the copy loop turns into a bounded
 * {@code poll} tick that also observes interrupts and closes.
 *
 * <p>Why this and not the alternatives: the descriptor stays in blocking mode (making it non-blocking
 * would shorten the user's own blocking writes, DESIGN §3); {@code SF_NODISKIO} bounds disk waits, not
 * socket waits; bounding each call by the free buffer space (FIONSPACE, SO_NWRITE) costs a system call
 * per chunk and still sleeps when the space estimate and the mbuf accounting disagree. The cost here is
 * one {@code getsockopt} and two {@code setsockopt} per transfer, none per chunk: measured through JNA on
 * the Linux build host (no BSD at hand), about 5 µs per transfer, which is lost in a transfer of 64 KiB
 * or more but noticeable for a few KiB (a per-chunk FIONSPACE check that bounds only when the count does
 * not fit is the known refinement). The previous timeout is
 * restored when the transfer ends. While it runs the transfer holds the channel's blocking lock, so no
 * other transfer changes it; a concurrent plain write on the same socket (whose bytes would interleave
 * with the transfer's anyway) may meet the timeout, which the JDK's blocking write retries after
 * {@code poll}.
 */
final class SendTimeout implements AutoCloseable {

    /** The bound: one copy-loop wait tick. */
    static final long BOUND_MICROS = CopyLoop.WAIT_TICK_MILLIS * 1000L;

    private final BsdLibc libc;
    private final int socket;
    private final long seconds;
    private final long micros;
    private final boolean restore;

    private SendTimeout(BsdLibc libc, int socket, long seconds, long micros, boolean restore) {
        this.libc = libc;
        this.socket = socket;
        this.seconds = seconds;
        this.micros = micros;
        this.restore = restore;
    }

    /**
     * Bounds the socket's send timeout to {@link #BOUND_MICROS}, unless it already is.
     *
     * @param libc   the C library
     * @param socket the socket
     * @return the bound, to close when the transfer ends, or {@code null} if the timeout cannot be read or
     *         set (the transfer must then not use a call that may sleep in the kernel)
     */
    static SendTimeout bound(BsdLibc libc, int socket) {
        long[] timeval = new long[2];
        if (libc.getSendTimeout(socket, timeval) != 0) {
            return null;
        }
        if (timeval[0] == 0 && timeval[1] > 0 && timeval[1] <= BOUND_MICROS) {
            return new SendTimeout(libc, socket, timeval[0], timeval[1], false);
        }
        if (libc.setSendTimeout(socket, 0, BOUND_MICROS) != 0) {
            return null;
        }
        return new SendTimeout(libc, socket, timeval[0], timeval[1], true);
    }

    /** Restores the previous timeout. */
    @Override
    public void close() {
        if (restore) {
            libc.setSendTimeout(socket, seconds, micros);
        }
    }
}
