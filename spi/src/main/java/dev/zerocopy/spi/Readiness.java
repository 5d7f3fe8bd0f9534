package dev.zerocopy.spi;

import java.io.IOException;

/**
 * Waits until the file descriptor that made a step report EAGAIN may make progress. Providers implement
 * it with their operating system's {@code poll}.
 */
@FunctionalInterface
public interface Readiness {

    /** Poll event: data may be read. */
    short POLLIN = 0x1;
    /** Poll event: data may be written. */
    short POLLOUT = 0x4;

    /**
     * Waits at most {@code timeoutMillis} milliseconds.
     *
     * @param timeoutMillis the longest wait, positive
     * @return {@code true} if the descriptor is ready (or has an error or hang-up, which the next step
     *         will report), {@code false} on timeout
     * @throws IOException if waiting itself fails
     */
    boolean await(int timeoutMillis) throws IOException;

    /**
     * A wait that returns at once, for steps whose EAGAIN needs no wait (or tests).
     *
     * @return the readiness
     */
    static Readiness immediate() {
        return timeout -> true;
    }
}
