package dev.zerocopy.bsd;

import dev.zerocopy.spi.Errno;
import java.util.EnumMap;
import java.util.Map;

/**
 * Error numbers of FreeBSD and macOS ({@code <sys/errno.h>}), by portable name. Both inherit 4.4BSD's
 * numbering; they differ in {@code EOPNOTSUPP}: FreeBSD defines {@code ENOTSUP} as {@code EOPNOTSUPP}
 * (45), macOS has {@code ENOTSUP} 45 and {@code EOPNOTSUPP} 102, and both mean "not supported" here.
 */
public final class BsdErrno {

    /** FreeBSD's numbers (FreeBSD sys/sys/errno.h). */
    public static final BsdErrno FREEBSD = new BsdErrno(numbers(45), Map.of());
    /** macOS's numbers (xnu bsd/sys/errno.h); ENOTSUP (45) reads as EOPNOTSUPP (102). */
    public static final BsdErrno MACOS = new BsdErrno(numbers(102), Map.of(45, Errno.EOPNOTSUPP));

    private final Errno.Table table;

    private BsdErrno(Map<Errno, Integer> numbers, Map<Integer, Errno> aliases) {
        this.table = new Errno.Table(numbers, aliases);
    }

    private static Map<Errno, Integer> numbers(int eopnotsupp) {
        Map<Errno, Integer> m = new EnumMap<>(Errno.class);
        m.put(Errno.EPERM, 1);
        m.put(Errno.EINTR, 4);
        m.put(Errno.EIO, 5);
        m.put(Errno.EBADF, 9);
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
        m.put(Errno.EAGAIN, 35);
        m.put(Errno.ENOTSOCK, 38);
        m.put(Errno.EOPNOTSUPP, eopnotsupp);
        m.put(Errno.ECONNABORTED, 53);
        m.put(Errno.ECONNRESET, 54);
        m.put(Errno.ENOTCONN, 57);
        m.put(Errno.ETIMEDOUT, 60);
        m.put(Errno.EDQUOT, 69);
        m.put(Errno.ENOSYS, 78);
        m.put(Errno.EOVERFLOW, 84);
        return m;
    }

    /**
     * Returns the name of an error number.
     *
     * @param number the number, 0 for none
     * @return the name, {@link Errno#UNKNOWN} if not known
     */
    public Errno of(int number) {
        return table.of(number);
    }

    /**
     * Returns the number of a name.
     *
     * @param errno the name
     * @return the number, or {@code -1} if this system has none
     */
    public int numberOf(Errno errno) {
        return table.numberOf(errno);
    }
}
