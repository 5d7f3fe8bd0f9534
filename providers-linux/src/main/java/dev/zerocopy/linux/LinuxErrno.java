package dev.zerocopy.linux;

import com.sun.jna.Native;
import dev.zerocopy.spi.Errno;
import java.util.Map;

/** Linux's error numbers (asm-generic/errno-base.h, errno.h). */
final class LinuxErrno {

    static final Errno.Table TABLE = new Errno.Table(Map.ofEntries(
            Map.entry(Errno.EPERM, 1), Map.entry(Errno.EINTR, 4), Map.entry(Errno.EIO, 5),
            Map.entry(Errno.EBADF, 9), Map.entry(Errno.EAGAIN, 11), Map.entry(Errno.ENOMEM, 12),
            Map.entry(Errno.EACCES, 13), Map.entry(Errno.EFAULT, 14), Map.entry(Errno.EBUSY, 16),
            Map.entry(Errno.EXDEV, 18), Map.entry(Errno.EISDIR, 21), Map.entry(Errno.EINVAL, 22),
            Map.entry(Errno.EFBIG, 27), Map.entry(Errno.ENOSPC, 28), Map.entry(Errno.ESPIPE, 29),
            Map.entry(Errno.EROFS, 30), Map.entry(Errno.EPIPE, 32), Map.entry(Errno.ENOSYS, 38),
            Map.entry(Errno.EOVERFLOW, 75), Map.entry(Errno.ENOTSOCK, 88), Map.entry(Errno.EOPNOTSUPP, 95),
            Map.entry(Errno.ECONNABORTED, 103), Map.entry(Errno.ECONNRESET, 104), Map.entry(Errno.ENOTCONN, 107),
            Map.entry(Errno.ETIMEDOUT, 110), Map.entry(Errno.EDQUOT, 122)));

    private LinuxErrno() {
    }

    /** The error of the call that just returned -1 on this thread. */
    static int last() {
        return Native.getLastError();
    }
}
