package dev.zerocopy.spi;

import java.util.Map;

/**
 * The error numbers a transfer step can report, by their portable names. Numbers differ between
 * operating systems ({@code EAGAIN} is 11 on Linux and 35 on FreeBSD and macOS), so each provider maps
 * its own numbers with a {@link Table}, and the copy loop decides by name.
 */
public enum Errno {
    /** No error. */
    NONE("no error"),
    /** Operation not permitted. */
    EPERM("Operation not permitted"),
    /** Interrupted system call. */
    EINTR("Interrupted system call"),
    /** Input/output error. */
    EIO("Input/output error"),
    /** Bad file descriptor. */
    EBADF("Bad file descriptor"),
    /** Resource temporarily unavailable (also EWOULDBLOCK). */
    EAGAIN("Resource temporarily unavailable"),
    /** Cannot allocate memory. */
    ENOMEM("Cannot allocate memory"),
    /** Permission denied. */
    EACCES("Permission denied"),
    /** Bad address. */
    EFAULT("Bad address"),
    /** Device or resource busy (FreeBSD sendfile with SF_NODISKIO). */
    EBUSY("Device or resource busy"),
    /** Invalid cross-device link. */
    EXDEV("Invalid cross-device link"),
    /** Is a directory. */
    EISDIR("Is a directory"),
    /** Invalid argument. */
    EINVAL("Invalid argument"),
    /** File too large. */
    EFBIG("File too large"),
    /** No space left on device. */
    ENOSPC("No space left on device"),
    /** Illegal seek. */
    ESPIPE("Illegal seek"),
    /** Read-only file system. */
    EROFS("Read-only file system"),
    /** Broken pipe. */
    EPIPE("Broken pipe"),
    /** Function not implemented. */
    ENOSYS("Function not implemented"),
    /** Operation not supported (also ENOTSUP). */
    EOPNOTSUPP("Operation not supported"),
    /** Socket operation on non-socket. */
    ENOTSOCK("Socket operation on non-socket"),
    /** Transport endpoint is not connected. */
    ENOTCONN("Transport endpoint is not connected"),
    /** Connection reset by peer. */
    ECONNRESET("Connection reset by peer"),
    /** Software caused connection abort. */
    ECONNABORTED("Software caused connection abort"),
    /** Connection timed out. */
    ETIMEDOUT("Connection timed out"),
    /** Value too large for defined data type. */
    EOVERFLOW("Value too large for defined data type"),
    /** Disk quota exceeded. */
    EDQUOT("Disk quota exceeded"),
    /** A number the provider's table does not name. */
    UNKNOWN("Unknown error");

    private final String description;

    Errno(String description) {
        this.description = description;
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
     * Maps one operating system's error numbers to names. Lookups are array reads.
     */
    public static final class Table {
        private final Errno[] byNumber;
        private final Map<Errno, Integer> numbers;

        /**
         * Creates a table.
         *
         * @param numbers each name's number on the operating system; names not present map to
         *                {@link Errno#UNKNOWN}
         */
        public Table(Map<Errno, Integer> numbers) {
            this(numbers, Map.of());
        }

        /**
         * Creates a table with aliases: further numbers that read as a name, such as macOS's ENOTSUP (45)
         * beside its EOPNOTSUPP (102).
         *
         * @param numbers each name's number; {@link #numberOf} returns these
         * @param aliases further numbers and the names they read as
         */
        public Table(Map<Errno, Integer> numbers, Map<Integer, Errno> aliases) {
            int max = java.util.stream.Stream.concat(numbers.values().stream(), aliases.keySet().stream())
                    .mapToInt(Integer::intValue).max().orElse(0);
            byNumber = new Errno[max + 1];
            this.numbers = Map.copyOf(numbers);
            aliases.forEach((number, errno) -> byNumber[number] = errno);
            numbers.forEach((errno, number) -> byNumber[number] = errno);
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
