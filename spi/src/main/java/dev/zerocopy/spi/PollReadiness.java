package dev.zerocopy.spi;

/**
 * A {@link Readiness} over a provider's {@code poll(2)} binding for one descriptor and event set.
 */
public final class PollReadiness implements Readiness {

    /** A provider's {@code poll} for one descriptor. */
    @FunctionalInterface
    public interface Poll {
        /**
         * Calls {@code poll(2)} on one descriptor.
         *
         * @param fd            the descriptor
         * @param events        {@link Readiness#POLLIN} or {@link Readiness#POLLOUT}
         * @param timeoutMillis the timeout
         * @return the number of ready descriptors (0 or 1), or {@code -1} with errno set
         */
        int poll(int fd, short events, int timeoutMillis);
    }

    private final Poll poll;
    private final int fd;
    private final short events;

    /**
     * Creates the readiness.
     *
     * @param poll   the provider's poll
     * @param fd     the descriptor
     * @param events the events to wait for
     */
    public PollReadiness(Poll poll, int fd, short events) {
        this.poll = poll;
        this.fd = fd;
        this.events = events;
    }

    @Override
    public boolean await(int timeoutMillis) {
        // -1 is EINTR or ENOMEM: report "not ready" so the loop checks its guard and asks again.
        return poll.poll(fd, events, timeoutMillis) > 0;
    }
}
