package dev.zerocopy.spi;

/**
 * The two descriptor calls the toolkit needs from a provider's C library binding, to hold its own
 * reference to a channel's descriptor ({@link FdRef}). Both follow the C convention: {@code -1} on error,
 * with the error number in {@link #errno()}.
 */
public interface FdOps {

    /**
     * {@code dup(2)}.
     *
     * @param fd the descriptor
     * @return the new descriptor, or {@code -1}
     */
    int dup(int fd);

    /**
     * {@code close(2)}.
     *
     * @param fd the descriptor
     * @return 0, or {@code -1}
     */
    int close(int fd);

    /**
     * Returns the error number of the last failed call on this thread.
     *
     * @return the number
     */
    int errno();

    /**
     * {@code poll(2)} on one descriptor, for transfers that wait on their own duplicates.
     *
     * @param fd            the descriptor
     * @param events        {@link Readiness#POLLIN} or {@link Readiness#POLLOUT}
     * @param timeoutMillis the timeout
     * @return the number of ready descriptors (0 or 1), or {@code -1} with errno set
     */
    int poll(int fd, short events, int timeoutMillis);
}
