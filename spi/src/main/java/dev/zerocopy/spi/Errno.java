package dev.zerocopy.spi;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The error numbers a transfer step can report, by their portable names, with each name's number on
 * every operating system a provider exists for. Numbers differ between systems ({@code EAGAIN} is 11 on
 * Linux and Solaris, 35 on FreeBSD and macOS), so a provider reads its system's numbers through that
 * system's {@link Table} ({@link Table#LINUX}, {@link Table#FREEBSD}, {@link Table#MACOS},
 * {@link Table#SOLARIS}), and the copy loop decides by name.
 *
 * <p>The numbers are those of the systems' headers: Linux {@code asm-generic/errno-base.h} and
 * {@code asm-generic/errno.h}, FreeBSD {@code sys/sys/errno.h}, macOS (xnu) {@code bsd/sys/errno.h},
 * illumos {@code usr/src/uts/common/sys/errno.h}. The descriptions are glibc's {@code strerror} texts.
 */
public enum Errno {
    //                                                          Linux FreeBSD macOS Solaris
    /** No error. */
    NONE("no error",                                              0,    0,    0,    0),
    /** Operation not permitted. */
    EPERM("Operation not permitted",                              1,    1,    1,    1),
    /** No such file or directory. */
    ENOENT("No such file or directory",                           2,    2,    2,    2),
    /** Interrupted system call. */
    EINTR("Interrupted system call",                              4,    4,    4,    4),
    /** Input/output error. */
    EIO("Input/output error",                                     5,    5,    5,    5),
    /** Bad file descriptor. */
    EBADF("Bad file descriptor",                                  9,    9,    9,    9),
    /** Resource temporarily unavailable (also EWOULDBLOCK, the same number on every system here). */
    EAGAIN("Resource temporarily unavailable",                   11,   35,   35,   11),
    /** Cannot allocate memory. */
    ENOMEM("Cannot allocate memory",                             12,   12,   12,   12),
    /** Permission denied. */
    EACCES("Permission denied",                                  13,   13,   13,   13),
    /** Bad address. */
    EFAULT("Bad address",                                        14,   14,   14,   14),
    /** Device or resource busy (FreeBSD sendfile with SF_NODISKIO). */
    EBUSY("Device or resource busy",                             16,   16,   16,   16),
    /** Invalid cross-device link. */
    EXDEV("Invalid cross-device link",                           18,   18,   18,   18),
    /** Is a directory. */
    EISDIR("Is a directory",                                     21,   21,   21,   21),
    /** Invalid argument. */
    EINVAL("Invalid argument",                                   22,   22,   22,   22),
    /** Too many open files in system. */
    ENFILE("Too many open files in system",                      23,   23,   23,   23),
    /** Too many open files. */
    EMFILE("Too many open files",                                24,   24,   24,   24),
    /** File too large. */
    EFBIG("File too large",                                      27,   27,   27,   27),
    /** No space left on device. */
    ENOSPC("No space left on device",                            28,   28,   28,   28),
    /** Illegal seek. */
    ESPIPE("Illegal seek",                                       29,   29,   29,   29),
    /** Read-only file system. */
    EROFS("Read-only file system",                               30,   30,   30,   30),
    /** Broken pipe. */
    EPIPE("Broken pipe",                                         32,   32,   32,   32),
    /** Function not implemented. */
    ENOSYS("Function not implemented",                           38,   78,   78,   89),
    /** Value too large for defined data type. */
    EOVERFLOW("Value too large for defined data type",           75,   84,   84,   79),
    /** Socket operation on non-socket. */
    ENOTSOCK("Socket operation on non-socket",                   88,   38,   38,   95),
    /** Message too long. */
    EMSGSIZE("Message too long",                                 90,   40,   40,   97),
    /** Operation not supported (also ENOTSUP, see {@link Table}). */
    EOPNOTSUPP("Operation not supported",                        95,   45,  102,  122),
    /** Address family not supported by protocol. */
    EAFNOSUPPORT("Address family not supported by protocol",     97,   47,   47,  124),
    /** Address already in use. */
    EADDRINUSE("Address already in use",                         98,   48,   48,  125),
    /** Cannot assign requested address. */
    EADDRNOTAVAIL("Cannot assign requested address",             99,   49,   49,  126),
    /** Network is down. */
    ENETDOWN("Network is down",                                 100,   50,   50,  127),
    /** Network is unreachable. */
    ENETUNREACH("Network is unreachable",                       101,   51,   51,  128),
    /** Network dropped connection on reset. */
    ENETRESET("Network dropped connection on reset",            102,   52,   52,  129),
    /** Software caused connection abort. */
    ECONNABORTED("Software caused connection abort",            103,   53,   53,  130),
    /** Connection reset by peer. */
    ECONNRESET("Connection reset by peer",                      104,   54,   54,  131),
    /** No buffer space available. */
    ENOBUFS("No buffer space available",                        105,   55,   55,  132),
    /** Transport endpoint is already connected. */
    EISCONN("Transport endpoint is already connected",          106,   56,   56,  133),
    /** Transport endpoint is not connected. */
    ENOTCONN("Transport endpoint is not connected",             107,   57,   57,  134),
    /** Cannot send after transport endpoint shutdown. */
    ESHUTDOWN("Cannot send after transport endpoint shutdown",  108,   58,   58,  143),
    /** Connection timed out. */
    ETIMEDOUT("Connection timed out",                           110,   60,   60,  145),
    /** Connection refused. */
    ECONNREFUSED("Connection refused",                          111,   61,   61,  146),
    /** Host is down. */
    EHOSTDOWN("Host is down",                                   112,   64,   64,  147),
    /** No route to host. */
    EHOSTUNREACH("No route to host",                            113,   65,   65,  148),
    /** Operation already in progress. */
    EALREADY("Operation already in progress",                   114,   37,   37,  149),
    /** Operation now in progress. */
    EINPROGRESS("Operation now in progress",                    115,   36,   36,  150),
    /** Disk quota exceeded. */
    EDQUOT("Disk quota exceeded",                               122,   69,   69,   49),
    /** A number the system's table does not name; the raw number travels beside it. */
    UNKNOWN("Unknown error",                                     -1,   -1,   -1,   -1);

    private final String description;
    private final int linux;
    private final int freeBsd;
    private final int macOs;
    private final int solaris;

    Errno(String description, int linux, int freeBsd, int macOs, int solaris) {
        this.description = description;
        this.linux = linux;
        this.freeBsd = freeBsd;
        this.macOs = macOs;
        this.solaris = solaris;
    }

    /**
     * Returns the C library's description of the error, such as {@code "Broken pipe"}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Tells whether this error, reported before any byte moved, means that the call does not support
     * this pair of file descriptors (or the kernel lacks the call), so that nothing was modified and the
     * next mechanism may be tried: ENOSYS, EINVAL, EOPNOTSUPP/ENOTSUP, EXDEV, ENOTSOCK and ESPIPE.
     *
     * @return whether the error means "not handled" when nothing was transferred yet
     */
    public boolean meansNotHandled() {
        return switch (this) {
            case ENOSYS, EINVAL, EOPNOTSUPP, EXDEV, ENOTSOCK, ESPIPE -> true;
            default -> false;
        };
    }

    /**
     * One operating system's error numbers: a column of the {@link Errno} table, read both ways. Lookups
     * by number are array reads. A provider for a system not listed here builds its own with
     * {@link #Table(Map, Map)}.
     */
    public static final class Table {

        /** Linux's numbers (the generic ones; x86, arm and riscv use them). */
        public static final Table LINUX = column(e -> e.linux, Map.of());
        /** FreeBSD's numbers; FreeBSD defines {@code ENOTSUP} as {@code EOPNOTSUPP} (45). */
        public static final Table FREEBSD = column(e -> e.freeBsd, Map.of());
        /** macOS's numbers; its {@code ENOTSUP} (45) is a number apart from {@code EOPNOTSUPP} (102), same meaning. */
        public static final Table MACOS = column(e -> e.macOs, Map.of(45, EOPNOTSUPP));
        /** Solaris's and illumos's numbers; {@code ENOTSUP} (48) is apart from {@code EOPNOTSUPP} (122), same meaning. */
        public static final Table SOLARIS = column(e -> e.solaris, Map.of(48, EOPNOTSUPP));

        private final Errno[] byNumber;
        private final Map<Errno, Integer> numbers;

        /**
         * Creates a table.
         *
         * @param numbers each name's number on the operating system; names not present map to
         *                {@link Errno#UNKNOWN}; {@link #numberOf} returns these
         * @param aliases further numbers and the names they read as, such as macOS's ENOTSUP (45) beside
         *                its EOPNOTSUPP (102)
         */
        public Table(Map<Errno, Integer> numbers, Map<Integer, Errno> aliases) {
            int max = java.util.stream.Stream.concat(numbers.values().stream(), aliases.keySet().stream())
                    .mapToInt(Integer::intValue).max().orElse(0);
            byNumber = new Errno[max + 1];
            this.numbers = Map.copyOf(numbers);
            aliases.forEach((number, errno) -> byNumber[number] = errno);
            numbers.forEach((errno, number) -> byNumber[number] = errno);
        }

        private static Table column(ToIntFunction<Errno> number, Map<Integer, Errno> aliases) {
            Map<Errno, Integer> numbers = new EnumMap<>(Errno.class);
            for (Errno errno : values()) {
                if (errno != NONE && errno != UNKNOWN) {
                    numbers.put(errno, number.applyAsInt(errno));
                }
            }
            return new Table(numbers, aliases);
        }

        /**
         * Returns the name of an error number; 0 is {@link Errno#NONE}.
         *
         * @param number the operating system's error number
         * @return the name, {@link Errno#UNKNOWN} if the table does not know it
         */
        public Errno of(int number) {
            if (number == 0) {
                return NONE;
            }
            Errno errno = number > 0 && number < byNumber.length ? byNumber[number] : null;
            return errno != null ? errno : UNKNOWN;
        }

        /**
         * Returns the operating system's number for a name, or {@code -1} if the table has none.
         *
         * @param errno the name
         * @return the number or {@code -1}
         */
        public int numberOf(Errno errno) {
            return errno == NONE ? 0 : numbers.getOrDefault(errno, -1);
        }
    }
}
