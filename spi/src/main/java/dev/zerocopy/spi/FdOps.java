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
}
