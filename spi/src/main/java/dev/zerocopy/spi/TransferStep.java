package dev.zerocopy.spi;

import java.io.IOException;

/**
 * One system call of a transfer: moves at most {@code count} bytes and reports, in a {@link StepResult},
 * the bytes that reached the target together with the error, if any. This is all an operating system
 * provider supplies to the {@link CopyLoop}; the loop owns retries, waits and termination.
 *
 * <p>A step must not loop and must not sleep in the kernel without bound (see {@link CopyLoop}).
 */
@FunctionalInterface
public interface TransferStep {

    /**
     * Performs one system call.
     *
     * @param position the file offset to read or write at, already advanced by every byte moved so far;
     *                 steps between two non-file channels ignore it
     * @param count    the most bytes to move, at least 1
     * @param result   where to report what happened
     * @throws IOException only for failures that are not an errno, such as a binding failure
     */
    void run(long position, long count, StepResult result) throws IOException;

    /**
     * Tells whether the step holds bytes it has taken from the source but not yet delivered to the target
     * (a step that copies through a kernel pipe). While it does, the loop does not return on EAGAIN even
     * in non-blocking mode, since those bytes could not be given back: it waits and delivers them.
     *
     * @return whether bytes are in flight; {@code false} by default
     */
    default boolean holdsBytes() {
        return false;
    }
}
