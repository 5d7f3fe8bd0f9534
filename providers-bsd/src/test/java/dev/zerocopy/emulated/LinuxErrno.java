package dev.zerocopy.emulated;

import dev.zerocopy.spi.Errno;
import java.util.EnumMap;
import java.util.Map;

/** Linux's error numbers (asm-generic/errno*.h), to translate what the host reports (test only). */
final class LinuxErrno {

    private static final Errno.Table TABLE = new Errno.Table(numbers());

    private LinuxErrno() {
    }

    private static Map<Errno, Integer> numbers() {
        Map<Errno, Integer> m = new EnumMap<>(Errno.class);
        m.put(Errno.EPERM, 1);
        m.put(Errno.EINTR, 4);
        m.put(Errno.EIO, 5);
        m.put(Errno.EBADF, 9);
        m.put(Errno.EAGAIN, 11);
        m.put(Errno.ENOMEM, 12);
        m.put(Errno.EACCES, 13);
        m.put(Errno.EFAULT, 14);
        m.put(Errno.EBUSY, 16);
        m.put(Errno.EXDEV, 18);
        m.put(Errno.EISDIR, 21);
        m.put(Errno.EINVAL, 22);
        m.put(Errno.EFBIG, 27);
        m.put(Errno.ENOSPC, 28);
        m.put(Errno.ESPIPE, 29);
        m.put(Errno.EROFS, 30);
        m.put(Errno.EPIPE, 32);
        m.put(Errno.ENOSYS, 38);
        m.put(Errno.EOVERFLOW, 75);
        m.put(Errno.ENOTSOCK, 88);
        m.put(Errno.EOPNOTSUPP, 95);
        m.put(Errno.ECONNABORTED, 103);
        m.put(Errno.ECONNRESET, 104);
        m.put(Errno.ENOTCONN, 107);
        m.put(Errno.ETIMEDOUT, 110);
        m.put(Errno.EDQUOT, 122);
        return m;
    }

    static Errno of(int number) {
        return TABLE.of(number);
    }
}
