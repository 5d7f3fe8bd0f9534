package dev.zerocopy.linux;

import java.lang.invoke.MethodHandle;

/**
 * The three calls that move bytes, {@code sendfile64}, {@code splice} and {@code copy_file_range}, made
 * through {@code java.lang.foreign} where {@link ForeignLinker} is usable (JDK 22+ with native access) and
 * through JNA ({@link LinuxLibc}, {@link CopyFileRange}) otherwise. Measured on JDK 25: a foreign call
 * costs about half a microsecond less than JNA's direct mapping. Each call returns what the C function
 * returns; after {@code -1} read the error with {@link #errno(Offsets)} before any other native call of
 * the thread. Offset addresses point into the transfer's {@link Offsets}, which also hold the foreign
 * binding's errno capture segment.
 */
final class Syscalls {

    private static final MethodHandle SENDFILE;
    private static final MethodHandle SPLICE;
    private static final MethodHandle COPY_FILE_RANGE;
    private static final MethodHandle ERRNO;

    /** Whether {@code copy_file_range} exists in the C library (glibc 2.27+). */
    static final boolean COPY_FILE_RANGE_AVAILABLE;

    static {
        ForeignLinker linker = ForeignLinker.get().orElse(null);
        MethodHandle sendfile = null;
        MethodHandle splice = null;
        MethodHandle copy = null;
        MethodHandle errno = null;
        if (linker != null) {
            try {
                sendfile = linker.downcall("sendfile64", long.class, int.class, int.class, long.class, long.class)
                        .orElse(null);
                splice = linker.downcall("splice", long.class, int.class, long.class, int.class, long.class,
                        long.class, int.class).orElse(null);
                copy = linker.downcall("copy_file_range", long.class, int.class, long.class, int.class, long.class,
                        long.class, int.class).orElse(null);
                errno = linker.errnoReader();
            } catch (RuntimeException e) {
                sendfile = null;     // a linker that refuses a descriptor: the JNA binding makes every call
                System.getLogger(Syscalls.class.getName()).log(System.Logger.Level.DEBUG,
                        "java.lang.foreign refused a call; the JNA binding stays", e);
            }
        }
        boolean foreign = sendfile != null && splice != null;
        SENDFILE = foreign ? sendfile : null;
        SPLICE = foreign ? splice : null;
        COPY_FILE_RANGE = foreign ? copy : null;
        ERRNO = foreign ? errno : null;
        COPY_FILE_RANGE_AVAILABLE = foreign ? copy != null : CopyFileRange.AVAILABLE;
    }

    private Syscalls() {
    }

    /** Which binding makes the calls: {@code "foreign"} or {@code "jna"}. */
    static String binding() {
        return SENDFILE != null ? "foreign" : "jna";
    }

    /** {@code errnoState} of new {@link Offsets} where the foreign binding is used, else {@code null}. */
    static Object newErrnoState() {
        return SENDFILE != null ? ForeignLinker.get().orElseThrow().newErrnoState() : null;
    }

    static long sendfile(Offsets offsets, int outFd, int inFd, long offsetAddress, long count) {
        if (SENDFILE == null) {
            return LinuxLibc.sendfile64(outFd, inFd, offsetAddress, count);
        }
        try {
            return (long) SENDFILE.invokeExact(offsets.errnoState(), outFd, inFd, offsetAddress, count);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long splice(Offsets offsets, int inFd, long inOffsetAddress, int outFd, long outOffsetAddress,
            long length, int flags) {
        if (SPLICE == null) {
            return LinuxLibc.splice(inFd, inOffsetAddress, outFd, outOffsetAddress, length, flags);
        }
        try {
            return (long) SPLICE.invokeExact(offsets.errnoState(), inFd, inOffsetAddress, outFd, outOffsetAddress,
                    length, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** Call only where {@link #COPY_FILE_RANGE_AVAILABLE}. */
    static long copyFileRange(Offsets offsets, int inFd, long inOffsetAddress, int outFd, long outOffsetAddress,
            long length, int flags) {
        if (COPY_FILE_RANGE == null) {
            return CopyFileRange.copyFileRange(inFd, inOffsetAddress, outFd, outOffsetAddress, length, flags);
        }
        try {
            return (long) COPY_FILE_RANGE.invokeExact(offsets.errnoState(), inFd, inOffsetAddress, outFd,
                    outOffsetAddress, length, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /**
     * The errno of the last call above, made with these offsets on this thread, that returned {@code -1}
     * (JNA keeps it per thread, the foreign binding in the offsets' capture segment).
     */
    static int errno(Offsets offsets) {
        if (ERRNO == null) {
            return LinuxErrno.last();
        }
        try {
            return (int) ERRNO.invokeExact(offsets.errnoState());
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    private static RuntimeException unexpected(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }
}
