package dev.zerocopy.solaris;

import dev.zerocopy.posix.PosixLibc;

/**
 * The Solaris/illumos calls {@link SolarisTransfer} needs, shaped like their C prototypes: sendfile(3EXT)
 * from libsendfile, besides the calls every provider shares ({@link PosixLibc}). Every method follows the
 * C convention: {@code -1} on error, with the error number (Solaris numbering) in {@link #errno()}.
 * Implementations: the JNA binding, only ever loaded on Solaris, and the emulated kernel of the tests.
 */
public interface SolarisLibc extends PosixLibc {

    /**
     * {@code ssize_t sendfile(int out_fd, int in_fd, off_t *off, size_t len)}, sendfile(3EXT): sends
     * {@code len} bytes of {@code in_fd} from {@code *off} to {@code out_fd} and advances {@code *off} by
     * the bytes sent, also when it returns {@code -1} after sending some (EAGAIN, EINTR).
     *
     * @param outFd the socket
     * @param inFd  the file
     * @param off   the offset at index 0, advanced
     * @param len   the most bytes
     * @return the bytes sent, or {@code -1}
     */
    long sendfile(int outFd, int inFd, long[] off, long len);
}
