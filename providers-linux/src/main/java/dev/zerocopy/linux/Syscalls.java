package dev.zerocopy.linux;

import java.lang.invoke.MethodHandle;

/**
 * The three calls that move bytes, {@code sendfile64}, {@code splice} and {@code copy_file_range}, and the
 * few a transfer in the JDK's own channel protocol needs besides (its pooled pipes' {@code pipe2},
 * {@code fcntl} and {@code close}, {@code recv}/{@code write} past TCP urgent data, and the hole walk of a
 * file copy of 1 MiB or more into a new range: {@code open}, {@code lseek}, {@code ftruncate}), made
 * through {@code java.lang.foreign} where {@link ForeignLinker} is usable (JDK 22+ with native access) and
 * through JNA ({@link LinuxLibc}, {@link CopyFileRange}) otherwise. Measured on JDK 25: a foreign call
 * costs about half a microsecond less than JNA's direct mapping, and a JVM whose transfers use only these
 * calls never loads JNA (about 0.14 s at the first transfer, and a cleaner thread that keeps its class
 * loader). Each call returns what the C function returns; after {@code -1} read the error, before any
 * other native call of the thread, with {@link #errno(Offsets)} for the three copies and with
 * {@link #fdErrno(Offsets)} for the others (one of which may have fallen back to JNA). Addresses point
 * into the transfer's {@link Offsets}, which also hold the foreign binding's errno capture segment, or into
 * other direct buffers.
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

    /**
     * A call of pooled pipes, of reads past TCP urgent data or of a hole walk, linked on its first use (a
     * socket source; a file copy of 1 MiB or more into a new range): each link costs the foreign linker
     * some milliseconds, which a JVM that only sends files need not pay. Where the foreign binding is not
     * used or cannot link the call, it goes through JNA; {@link #fdErrno(Offsets)} reads the errno where the
     * call left it.
     */
    private static final class LazyCall {
        private final String name;
        private final int firstVariadic;
        private final Class<?> returnType;
        private final Class<?>[] parameters;
        private volatile MethodHandle handle;
        private volatile boolean linked;

        LazyCall(String name, Class<?> returnType, Class<?>... parameters) {
            this(name, -1, returnType, parameters);
        }

        /** A variadic C function whose variadic arguments start at {@code firstVariadic}. */
        LazyCall(String name, int firstVariadic, Class<?> returnType, Class<?>... parameters) {
            this.name = name;
            this.firstVariadic = firstVariadic;
            this.returnType = returnType;
            this.parameters = parameters;
        }

        /** The foreign handle, or {@code null} for JNA; records in {@code offsets} where errno will be. */
        MethodHandle handle(Offsets offsets) {
            if (!linked) {
                link();
            }
            MethodHandle h = handle;
            offsets.errnoInJna(h == null);
            return h;
        }

        private synchronized void link() {
            if (linked) {
                return;
            }
            ForeignLinker linker = SENDFILE != null ? ForeignLinker.get().orElse(null) : null;
            if (linker != null) {
                try {
                    handle = (firstVariadic < 0 ? linker.downcall(name, returnType, parameters)
                            : linker.variadicDowncall(name, firstVariadic, returnType, parameters)).orElse(null);
                } catch (RuntimeException e) {
                    handle = null;      // JNA makes this call
                    System.getLogger(Syscalls.class.getName()).log(System.Logger.Level.DEBUG,
                            "java.lang.foreign refused " + name + "; JNA makes it", e);
                }
            }
            linked = true;
        }
    }

    private static final LazyCall PIPE2 = new LazyCall("pipe2", int.class, long.class, int.class);
    private static final LazyCall FCNTL = new LazyCall("fcntl", 2, int.class, int.class, int.class, int.class);
    private static final LazyCall CLOSE = new LazyCall("close", int.class, int.class);
    private static final LazyCall RECV = new LazyCall("recv", long.class, int.class, long.class, long.class,
            int.class);
    private static final LazyCall WRITE = new LazyCall("write", long.class, int.class, long.class, long.class);
    private static final LazyCall OPEN = new LazyCall("open", 2, int.class, long.class, int.class);
    private static final LazyCall LSEEK = new LazyCall("lseek", long.class, int.class, long.class, int.class);
    private static final LazyCall FTRUNCATE = new LazyCall("ftruncate", int.class, int.class, long.class);

    /** {@code open(path, flags)}, without a mode (no {@code O_CREAT}). */
    static int open(Offsets offsets, String path, int flags) {
        MethodHandle handle = OPEN.handle(offsets);
        if (handle == null) {
            return LinuxLibc.open(path, flags);
        }
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer name = java.nio.ByteBuffer.allocateDirect(bytes.length + 1).put(bytes).put((byte) 0);
        try {
            return (int) handle.invokeExact(offsets.errnoState(), address(name), flags);
        } catch (Throwable e) {
            throw unexpected(e);
        } finally {
            java.lang.ref.Reference.reachabilityFence(name);
        }
    }

    /** {@code lseek(fd, offset, whence)}. */
    static long lseek(Offsets offsets, int fd, long offset, int whence) {
        MethodHandle handle = LSEEK.handle(offsets);
        if (handle == null) {
            return LinuxLibc.lseek(fd, offset, whence);
        }
        try {
            return (long) handle.invokeExact(offsets.errnoState(), fd, offset, whence);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** {@code ftruncate(fd, length)}. */
    static int ftruncate(Offsets offsets, int fd, long length) {
        MethodHandle handle = FTRUNCATE.handle(offsets);
        if (handle == null) {
            return LinuxLibc.ftruncate(fd, length);
        }
        try {
            return (int) handle.invokeExact(offsets.errnoState(), fd, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /**
     * The errno of the last call above, other than the three copies, made with these offsets on this thread
     * that returned {@code -1}: where JNA made it, JNA's per-thread value, else the offsets' capture segment.
     */
    static int fdErrno(Offsets offsets) {
        return offsets.errnoInJna() ? LinuxErrno.last() : errno(offsets);
    }

    /**
     * Whether every call of a transfer in the JDK's channel protocol goes through the foreign binding: it
     * is in use and the C library has each symbol (so that no call falls back to JNA, which the provider
     * then need not check).
     */
    static boolean foreignOnly() {
        if (SENDFILE == null) {
            return false;
        }
        ForeignLinker linker = ForeignLinker.get().orElseThrow();
        for (LazyCall call : new LazyCall[] {PIPE2, FCNTL, CLOSE, RECV, WRITE, OPEN, LSEEK, FTRUNCATE}) {
            if (!linker.has(call.name)) {
                return false;
            }
        }
        return true;
    }

    /** Which binding makes the calls: {@code "foreign"} or {@code "jna"}. */
    static String binding() {
        return SENDFILE != null ? "foreign" : "jna";
    }

    /**
     * The native address of a direct buffer's first byte, through the binding in use.
     *
     * @param direct a direct buffer, kept reachable by the caller while it uses the address
     * @return the address
     */
    static long address(java.nio.ByteBuffer direct) {
        return SENDFILE != null ? ForeignLinker.get().orElseThrow().address(direct) : LinuxLibc.address(direct);
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

    /** {@code pipe2(fds, flags)}, the two descriptors written at {@code fdsAddress}. */
    static int pipe2(Offsets offsets, long fdsAddress, int flags) {
        MethodHandle handle = PIPE2.handle(offsets);
        if (handle == null) {
            return LinuxLibc.pipe2(fdsAddress, flags);
        }
        try {
            return (int) handle.invokeExact(offsets.errnoState(), fdsAddress, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** {@code fcntl(fd, cmd, arg)} with an integer argument. */
    static int fcntl(Offsets offsets, int fd, int cmd, int arg) {
        MethodHandle handle = FCNTL.handle(offsets);
        if (handle == null) {
            return LinuxLibc.fcntl(fd, cmd, arg);
        }
        try {
            return (int) handle.invokeExact(offsets.errnoState(), fd, cmd, arg);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** {@code close(fd)}. */
    static int close(Offsets offsets, int fd) {
        MethodHandle handle = CLOSE.handle(offsets);
        if (handle == null) {
            return LinuxLibc.close(fd);
        }
        try {
            return (int) handle.invokeExact(offsets.errnoState(), fd);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** {@code recv(fd, buffer, length, flags)} into native memory. */
    static long recv(Offsets offsets, int fd, long bufferAddress, long length, int flags) {
        MethodHandle handle = RECV.handle(offsets);
        if (handle == null) {
            return LinuxLibc.recv(fd, bufferAddress, length, flags);
        }
        try {
            return (long) handle.invokeExact(offsets.errnoState(), fd, bufferAddress, length, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** {@code write(fd, buffer, length)} from native memory. */
    static long write(Offsets offsets, int fd, long bufferAddress, long length) {
        MethodHandle handle = WRITE.handle(offsets);
        if (handle == null) {
            return LinuxLibc.write(fd, bufferAddress, length);
        }
        try {
            return (long) handle.invokeExact(offsets.errnoState(), fd, bufferAddress, length);
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
