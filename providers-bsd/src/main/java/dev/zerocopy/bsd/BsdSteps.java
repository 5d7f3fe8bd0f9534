package dev.zerocopy.bsd;

import dev.zerocopy.posix.PosixLibc;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;

/**
 * One BSD operating system as {@link BsdTransfer} sees it: its C library and the translation of its
 * system calls' progress reporting into {@link TransferStep}s (bytes moved and errno together).
 */
abstract class BsdSteps {

    /**
     * Returns the system's name, such as {@code "FreeBSD"}.
     *
     * @return the name
     */
    abstract String name();

    /**
     * Returns the C library.
     *
     * @return the library
     */
    abstract PosixLibc libc();

    /**
     * Returns the step that runs one {@code sendfile} from a regular file to a stream socket.
     *
     * @param file   the file's descriptor
     * @param socket the socket's descriptor
     * @return the step; its position is the file offset
     */
    abstract TransferStep sendfile(int file, int socket);

    /**
     * Tells whether the system has {@code copy_file_range}.
     *
     * @return whether it has
     */
    boolean hasCopyFileRange() {
        return false;
    }

    /**
     * Tells why {@link #copyFileRange} cannot write into a descriptor, if it cannot.
     *
     * @param out the descriptor written
     * @return the reason, or {@code null} if it can
     */
    String copyFileRangeRefusal(int out) {
        return name() + " has no copy_file_range";
    }

    /**
     * Returns the step that runs one {@code copy_file_range} between two regular files.
     *
     * @param in    the file read
     * @param out   the file written
     * @param delta the output offset minus the input offset
     * @return the step; its position is the input offset
     */
    TransferStep copyFileRange(int in, int out, long delta) {
        throw new UnsupportedOperationException(copyFileRangeRefusal(out));
    }

    /**
     * Reports a call's progress, refusing a count the request cannot have produced.
     *
     * @param result  where to report
     * @param call    the call's name
     * @param moved   the bytes the call reports moved
     * @param count   the bytes requested
     * @param failed  whether the call returned {@code -1}
     * @param number  the errno if it did
     * @param errno   the system's errno table
     * @throws IOException if {@code moved} is negative or exceeds {@code count}
     */
    static void report(StepResult result, String call, long moved, long count, boolean failed, int number,
            Errno.Table errno) throws IOException {
        if (moved < 0 || moved > count) {
            throw new IOException(call + " reported " + moved + " bytes moved for a request of " + count);
        }
        if (failed) {
            result.set(moved, errno.of(number), number);
        } else {
            result.set(moved, Errno.NONE, 0);
        }
    }
}
