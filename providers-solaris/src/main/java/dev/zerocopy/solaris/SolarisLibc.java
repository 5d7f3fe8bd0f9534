package dev.zerocopy.solaris;

import dev.zerocopy.spi.SocketTimeout;
import dev.zerocopy.spi.FdOps;
import dev.zerocopy.spi.PollReadiness;

/**
 * The Solaris/illumos calls {@link SolarisTransfer} needs, shaped like their C prototypes: sendfile(3EXT)
 * from libsendfile, and from libc {@code dup}, {@code close}, {@code poll} on one descriptor and the
 * socket's send timeout. Every method follows the C convention: {@code -1} on error, with the error number
 * (Solaris numbering) in {@link #errno()}. Implementations: the JNA binding, only ever loaded on Solaris,
 * and the emulated kernel of the tests.
 */
public interface SolarisLibc extends FdOps, PollReadiness.Poll {

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

    /**
     * {@code getsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeval, &len)}.
     *
     * @param socket  the socket
     * @param timeval receives {@code tv_sec} and {@code tv_usec}
     * @return 0, or {@code -1}
     */
    int getSendTimeout(int socket, long[] timeval);

    /**
     * {@code setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeval, sizeof timeval)}.
     *
     * @param socket  the socket
     * @param seconds {@code tv_sec}
     * @param micros  {@code tv_usec}
     * @return 0, or {@code -1}
     */
    int setSendTimeout(int socket, long seconds, long micros);

    /**
     * Returns {@code SO_SNDTIMEO} as a {@link SocketTimeout.Option}, to bound a blocking {@code sendfile}.
     *
     * @return the option
     */
    default SocketTimeout.Option sendTimeout() {
        return SocketTimeout.Option.of(this::getSendTimeout, this::setSendTimeout);
    }
}
