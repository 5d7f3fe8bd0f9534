package dev.zerocopy.solaris;

import dev.zerocopy.spi.Errno;
import java.util.EnumMap;
import java.util.Map;

/**
 * Solaris/illumos error numbers (uts/common/sys/errno.h), System V numbering: EAGAIN is 11, ENOSYS 89;
 * {@code ENOTSUP} (48) and {@code EOPNOTSUPP} (122) are distinct and both read as EOPNOTSUPP.
 */
public final class SolarisErrno {

    /** Solaris's ENOTSUP. */
    static final int ENOTSUP = 48;

    // ENOTSUP (48) and EOPNOTSUPP (122) are distinct numbers with one meaning (illumos sys/errno.h).
    private static final Errno.Table TABLE = new Errno.Table(numbers(), Map.of(ENOTSUP, Errno.EOPNOTSUPP));

    private SolarisErrno() {
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
        m.put(Errno.EDQUOT, 49);
        m.put(Errno.EOVERFLOW, 79);
        m.put(Errno.ENOSYS, 89);
        m.put(Errno.ENOTSOCK, 95);
        m.put(Errno.EOPNOTSUPP, 122);
        m.put(Errno.ECONNABORTED, 130);
        m.put(Errno.ECONNRESET, 131);
        m.put(Errno.ENOTCONN, 134);
        m.put(Errno.ETIMEDOUT, 145);
        return m;
    }

    /**
     * Returns the name of an error number.
     *
     * @param number the number, 0 for none
     * @return the name, {@link Errno#UNKNOWN} if not known
     */
    public static Errno of(int number) {
        return TABLE.of(number);
    }

    /**
     * Returns the number of a name.
     *
     * @param errno the name
     * @return the number, or {@code -1}
     */
    public static int numberOf(Errno errno) {
        return TABLE.numberOf(errno);
    }
}
