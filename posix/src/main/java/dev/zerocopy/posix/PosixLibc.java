package dev.zerocopy.posix;

import dev.zerocopy.spi.FdOps;
import dev.zerocopy.spi.PollReadiness;
import dev.zerocopy.spi.SocketTimeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The C library calls every provider needs besides its copy calls: {@code dup}, {@code close} and
 * {@code poll} on one descriptor ({@link FdOps}, for transfers that hold the channels on their own
 * duplicates), and a socket's send timeout ({@code SO_SNDTIMEO}), which bounds how long a copy call into
 * a blocking socket may sleep on such a duplicate ({@link SocketTimeout}).
 *
 * <p>Every method follows the C convention: {@code -1} on error, with the error number, in the operating
 * system's own numbering, in {@link #errno()}. Implementations: {@link JnaPosixLibc}, and the emulated
 * kernels of the tests.
 */
public interface PosixLibc extends FdOps, PollReadiness.Poll {

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
     * {@code lseek(fd, offset, SEEK_SET)}: sets the file position of a descriptor (and of every duplicate
     * and channel that shares its open file description) without a call on the channel, which a transfer
     * registered with the channel must not make.
     *
     * @param fd     the descriptor
     * @param offset the new position
     * @return the new position, or {@code -1} with errno set
     */
    long seek(int fd, long offset);

    /**
     * The size of the file open on a descriptor, through its {@code /proc/self/fd} entry (a {@code stat}),
     * for the same reason as {@link #seek}: the channel's own {@code size()} must not run inside a transfer
     * registered with it.
     *
     * @param fd the descriptor
     * @return the size in bytes
     * @throws IOException if the entry cannot be read
     */
    default long fileSize(int fd) throws IOException {
        return Files.size(Path.of("/proc/self/fd/" + fd));
    }

    /**
     * Returns {@code SO_SNDTIMEO} as a {@link SocketTimeout.Option}, to bound a blocking copy call.
     *
     * @return the option
     */
    default SocketTimeout.Option sendTimeout() {
        return SocketTimeout.Option.of(this::getSendTimeout, this::setSendTimeout);
    }

    /**
     * Binds the library's calls, if they are not bound yet, and tells why they cannot be. Implementations
     * that bind nothing (the emulated kernels) return {@code null}.
     *
     * @return {@code null} if every call can be made, else the reason
     */
    default String bindingFailure() {
        return null;
    }
}
