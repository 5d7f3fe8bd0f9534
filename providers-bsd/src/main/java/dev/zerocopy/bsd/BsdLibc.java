package dev.zerocopy.bsd;

import dev.zerocopy.spi.SocketTimeout;
import dev.zerocopy.spi.FdOps;
import dev.zerocopy.spi.PollReadiness;

/**
 * The C library calls that FreeBSD and macOS share and the BSD provider needs besides its copy calls:
 * {@code dup}, {@code close}, {@code poll} on one descriptor, and the socket's send timeout
 * ({@code SO_SNDTIMEO}), which bounds how long a {@code sendfile} into a blocking socket may sleep.
 *
 * <p>Every method follows the C convention: {@code -1} on error, with the error number (in the
 * operating system's own numbering) in {@link #errno()}. Implementations: the JNA bindings, which are
 * only ever loaded on their own operating system, and the emulated kernels of the tests.
 */
public interface BsdLibc extends FdOps, PollReadiness.Poll {

    /**
     * {@code getsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeval, &len)}.
     *
     * @param socket  the socket
     * @param timeval receives {@code tv_sec} at index 0 and {@code tv_usec} at index 1
     * @return 0, or {@code -1}
     */
    int getSendTimeout(int socket, long[] timeval);

    /**
     * {@code setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeval, sizeof timeval)}.
     *
     * @param socket  the socket
     * @param seconds {@code tv_sec}
     * @param micros  {@code tv_usec}, below one million
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
