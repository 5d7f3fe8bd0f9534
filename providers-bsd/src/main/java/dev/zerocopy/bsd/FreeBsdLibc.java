package dev.zerocopy.bsd;

import com.sun.jna.Pointer;
import dev.zerocopy.posix.PosixLibc;

/**
 * FreeBSD's C library calls used by {@link BsdTransfer}, shaped like their C prototypes.
 */
public interface FreeBsdLibc extends PosixLibc {

    /** {@code fcntl} command that returns the file status flags. */
    int F_GETFL = 3;
    /** File status flag: writes append. */
    int O_APPEND = 0x0008;

    /**
     * {@code int sendfile(int fd, int s, off_t offset, size_t nbytes, struct sf_hdtr *hdtr, off_t *sbytes,
     * int flags)}, sendfile(2): sends {@code nbytes} bytes of the regular file {@code fd} from
     * {@code offset} to the stream socket {@code s}. {@code nbytes == 0} means "until end of file".
     * {@code *sbytes} receives the bytes sent, also when {@code -1} is returned with EAGAIN, EINTR or EBUSY.
     *
     * @param fd     the file
     * @param s      the socket
     * @param offset the file offset
     * @param nbytes the bytes to send
     * @param hdtr   headers and trailers, or {@code null}
     * @param sbytes receives the bytes sent at index 0
     * @param flags  {@code SF_*} flags
     * @return 0, or {@code -1}
     */
    int sendfile(int fd, int s, long offset, long nbytes, Pointer hdtr, long[] sbytes, int flags);

    /**
     * Tells whether the C library has {@code copy_file_range} (FreeBSD 13.0 and later).
     *
     * @return whether {@link #copy_file_range} may be called
     */
    boolean hasCopyFileRange();

    /**
     * {@code ssize_t copy_file_range(int infd, off_t *inoffp, int outfd, off_t *outoffp, size_t len,
     * unsigned int flags)}, copy_file_range(2): copies up to {@code len} bytes between regular files at the
     * given offsets, which it advances by the bytes copied. Returns 0 at the end of the input file.
     *
     * @param infd    the file read
     * @param inoffp  the input offset at index 0, advanced
     * @param outfd   the file written
     * @param outoffp the output offset at index 0, advanced
     * @param len     the most bytes to copy
     * @param flags   must be 0
     * @return the bytes copied, or {@code -1}
     */
    long copy_file_range(int infd, long[] inoffp, int outfd, long[] outoffp, long len, int flags);

    /**
     * {@code int fcntl(int fd, int cmd)} for commands without an argument, such as {@link #F_GETFL}.
     *
     * @param fd  the descriptor
     * @param cmd the command
     * @return the command's result, or {@code -1}
     */
    int fcntl(int fd, int cmd);
}
