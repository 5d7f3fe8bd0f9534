package dev.zerocopy.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The C library calls of the Linux provider that the shared shell ({@link LinuxFds}) does not make, bound
 * with JNA direct mapping. Every call returns
 * {@code -1} on failure; read the error with {@link Native#getLastError()} immediately after.
 * Pointer arguments are native addresses ({@code 0} for NULL), of {@link Offsets} or of other direct
 * buffers ({@link #address(ByteBuffer)}); a path is a Java string. 64-bit only.
 *
 * <p>Loading this class binds the symbols (and loads JNA); where the foreign binding makes the calls
 * ({@link Syscalls}) only the duplicate-descriptor protocol's {@link LinuxFds} does. Every symbol here
 * is in glibc 2.17 and musl; {@code copy_file_range} (glibc 2.27) is bound apart, in {@link CopyFileRange},
 * so that an older C library only loses that one mechanism.
 */
final class LinuxLibc {

    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int F_SETPIPE_SZ = 1031;
    static final int F_GETPIPE_SZ = 1032;
    static final int SPLICE_F_MOVE = 1;
    static final int SPLICE_F_NONBLOCK = 2;
    static final int MSG_DONTWAIT = 0x40;
    static final int O_RDONLY = 0;
    static final int ENXIO = 6;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;

    static {
        Native.register(LinuxLibc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LinuxLibc() {
    }

    static native long sendfile64(int outFd, int inFd, long offsetAddress, long count);

    static native long splice(int fdIn, long offInAddress, int fdOut, long offOutAddress, long len, int flags);

    static native int pipe2(long fdsAddress, int flags);

    static native int fcntl(int fd, int cmd, int arg);

    static native int close(int fd);

    static native long recv(int fd, long bufferAddress, long length, int flags);

    static native long write(int fd, long bufferAddress, long length);

    static native int open(String path, int flags);

    static native long lseek(int fd, long offset, int whence);

    static native int ftruncate(int fd, long length);

    /** The native address of a direct buffer, through JNA. */
    static long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
