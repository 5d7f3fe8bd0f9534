package dev.zerocopy.bsd;

import com.sun.jna.Pointer;
import dev.zerocopy.posix.PosixLibc;

/**
 * macOS's C library calls used by {@link BsdTransfer}, shaped like their C prototypes.
 */
public interface MacOsLibc extends PosixLibc {

    /**
     * {@code int sendfile(int fd, int s, off_t offset, off_t *len, struct sf_hdtr *hdtr, int flags)},
     * sendfile(2) on macOS: sends {@code *len} bytes of the regular file {@code fd} from {@code offset} to
     * the stream socket {@code s} ({@code *len == 0}: until end of file). On return {@code *len} holds the
     * bytes sent, also when {@code -1} is returned (EAGAIN, EINTR).
     *
     * @param fd     the file
     * @param s      the socket
     * @param offset the file offset
     * @param len    in: the bytes to send, out: the bytes sent, at index 0
     * @param hdtr   headers and trailers, or {@code null}
     * @param flags  must be 0
     * @return 0, or {@code -1}
     */
    int sendfile(int fd, int s, long offset, long[] len, Pointer hdtr, int flags);
}
