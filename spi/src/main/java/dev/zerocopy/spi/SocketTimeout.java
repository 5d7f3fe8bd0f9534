package dev.zerocopy.spi;

/**
 * Bounds how long a system call on a <em>blocking</em> socket may sleep in the kernel, for transfers that
 * hold the channels on their own duplicates of the descriptors (the JDK's close and interrupt cannot wake
 * them):
 * for the duration of a transfer, the socket's send (or receive) timeout is set to one
 * {@linkplain CopyLoop#WAIT_TICK_MILLIS wait tick}, so that a {@code sendfile} or {@code splice} whose peer
 * stalls returns with the bytes it moved, or EAGAIN, and the copy loop can poll in bounded ticks while it
 * observes interrupts and closes. The previous value is restored when the transfer ends. The transfer holds the channel's write (or read)
 * lock meanwhile, so no other thread's write (or read) on that socket runs with the changed timeout.
 *
 * <p>The socket stays in blocking mode throughout. Cost: one {@code getsockopt} and two {@code setsockopt}
 * per transfer, none per chunk.
 */
public final class SocketTimeout implements AutoCloseable {

    /** The bound, in microseconds: one copy-loop wait tick. */
    public static final long BOUND_MICROS = CopyLoop.WAIT_TICK_MILLIS * 1000L;

    /** A provider's access to one timeout option ({@code SO_SNDTIMEO} or {@code SO_RCVTIMEO}) of a socket. */
    public interface Option {
        /**
         * Reads the timeout.
         *
         * @param fd      the socket
         * @param timeval receives seconds and microseconds
         * @return 0, or {@code -1} on error
         */
        int get(int fd, long[] timeval);

        /**
         * Sets the timeout.
         *
         * @param fd      the socket
         * @param seconds the seconds
         * @param micros  the microseconds
         * @return 0, or {@code -1} on error
         */
        int set(int fd, long seconds, long micros);

        /**
         * Makes an option of a C library binding's two calls.
         *
         * @param get reads the timeout, as {@link #get}
         * @param set sets the timeout, as {@link #set}
         * @return the option
         */
        static Option of(Getter get, Setter set) {
            return new Option() {
                @Override
                public int get(int fd, long[] timeval) {
                    return get.get(fd, timeval);
                }

                @Override
                public int set(int fd, long seconds, long micros) {
                    return set.set(fd, seconds, micros);
                }
            };
        }
    }

    /** Reads a socket timeout: {@link Option#get}. */
    @FunctionalInterface
    public interface Getter {
        /**
         * Reads the timeout.
         *
         * @param fd      the socket
         * @param timeval receives seconds and microseconds
         * @return 0, or {@code -1} on error
         */
        int get(int fd, long[] timeval);
    }

    /** Sets a socket timeout: {@link Option#set}. */
    @FunctionalInterface
    public interface Setter {
        /**
         * Sets the timeout.
         *
         * @param fd      the socket
         * @param seconds the seconds
         * @param micros  the microseconds
         * @return 0, or {@code -1} on error
         */
        int set(int fd, long seconds, long micros);
    }

    private final Option option;
    private final int fd;
    private final long seconds;
    private final long micros;
    private final boolean restore;

    private SocketTimeout(Option option, int fd, long seconds, long micros, boolean restore) {
        this.option = option;
        this.fd = fd;
        this.seconds = seconds;
        this.micros = micros;
        this.restore = restore;
    }

    /**
     * Bounds the socket's timeout to {@link #BOUND_MICROS}, unless it already is.
     *
     * @param option the timeout option
     * @param fd     the socket (the transfer's own duplicate)
     * @return the bound, to close when the transfer ends, or {@code null} if the timeout cannot be read or
     *         set: the transfer must then not use a call that may sleep in the kernel
     */
    public static SocketTimeout bound(Option option, int fd) {
        long[] timeval = new long[2];
        if (option.get(fd, timeval) != 0) {
            return null;
        }
        long previous = timeval[0] * 1_000_000L + timeval[1];
        if (previous > 0 && previous <= BOUND_MICROS) {
            return new SocketTimeout(option, fd, timeval[0], timeval[1], false);
        }
        if (option.set(fd, 0, BOUND_MICROS) != 0) {
            return null;
        }
        return new SocketTimeout(option, fd, timeval[0], timeval[1], true);
    }

    /**
     * Runs a loop whose step writes into a socket: in blocking mode with the socket's send timeout
     * bounded for the duration (restored after), in non-blocking mode as it is. Not handled, and recorded
     * so, if the timeout of a blocking socket cannot be bounded: a call could then sleep without bound.
     *
     * @param loop      the loop
     * @param option    the socket's send-timeout option
     * @param socket    the socket (the transfer's own duplicate)
     * @param position  the first file offset
     * @param count     the most bytes
     * @param readiness the wait on EAGAIN
     * @param context   the transfer's context
     * @return the bytes transferred, or {@link CopyLoop#NOT_HANDLED}
     * @throws java.io.IOException as {@link CopyLoop#run(long, long, Readiness, TransferContext)}
     */
    public static long runBounded(CopyLoop loop, Option option, int socket, long position, long count,
            Readiness readiness, TransferContext context) throws java.io.IOException {
        if (context.nonBlocking()) {
            return loop.run(position, count, readiness, context);
        }
        SocketTimeout bound = bound(option, socket);
        if (bound == null) {
            context.notHandled(loop.syscall() + ": cannot bound the socket's send timeout");
            return CopyLoop.NOT_HANDLED;
        }
        try (bound) {
            return loop.run(position, count, readiness, context);
        }
    }

    /**
     * Returns a bound that changes nothing and restores nothing: a placeholder for callers that must tell
     * "no bound needed" ({@code null}) from "could not bound".
     *
     * @return the placeholder
     */
    public static SocketTimeout unchanged() {
        return new SocketTimeout(null, -1, 0, 0, false);
    }

    /** Restores the previous timeout. */
    @Override
    public void close() {
        if (restore) {
            option.set(fd, seconds, micros);
        }
    }
}
