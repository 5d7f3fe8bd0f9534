package dev.zerocopy.emulated;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.zerocopy.posix.JnaPosixLibc;
import dev.zerocopy.posix.PosixSystem;

/**
 * The real Linux calls the emulated kernels move bytes with (test only; JNA direct mapping on the host's
 * C library): the copy calls, and the calls every provider shares through the shell of
 * {@code dev.zerocopy.posix} with Linux's constants ({@link #LIBC}). Constants are Linux x86-64/arm64 values.
 */
public final class LinuxHost {

    /** {@code dup}, {@code close}, {@code poll}, {@code fcntl} and the send timeout of the host. */
    static final JnaPosixLibc LIBC = new JnaPosixLibc(PosixSystem.LINUX);

    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SOCK_STREAM = 1;
    static final int F_GETFL = 3;
    static final int O_NONBLOCK = 0x800;
    static final int O_APPEND = 0x400;

    static {
        Native.register(LinuxHost.class, Platform.C_LIBRARY_NAME);
    }

    private LinuxHost() {
    }

    static native long sendfile(int outFd, int inFd, long[] offset, long count);

    static native long copy_file_range(int inFd, long[] inOffset, int outFd, long[] outOffset, long len, int flags);

    static native int getsockopt(int s, int level, int name, long[] value, int[] length);

    /**
     * Returns errno of the last failed host call on this thread.
     *
     * @return the Linux number
     */
    static int errno() {
        return Native.getLastError();
    }

    /**
     * Tells whether a descriptor is a stream socket.
     *
     * @param fd the descriptor
     * @return whether it is
     */
    static boolean isStreamSocket(int fd) {
        long[] type = new long[1];
        return getsockopt(fd, SOL_SOCKET, SO_TYPE, type, new int[] {4}) == 0 && (int) type[0] == SOCK_STREAM;
    }

    /**
     * Tells whether a descriptor is in non-blocking mode.
     *
     * @param fd the descriptor
     * @return whether O_NONBLOCK is set
     */
    public static boolean isNonBlocking(int fd) {
        int flags = LIBC.fcntl(fd, F_GETFL);
        return flags != -1 && (flags & O_NONBLOCK) != 0;
    }

    /**
     * Reads a socket's SO_SNDTIMEO in microseconds.
     *
     * @param fd the socket
     * @return the timeout, 0 for none
     */
    public static long sendTimeoutMicros(int fd) {
        long[] tv = new long[2];
        if (LIBC.getSendTimeout(fd, tv) != 0) {
            throw new IllegalStateException("getsockopt SO_SNDTIMEO failed, errno " + errno());
        }
        return tv[0] * 1_000_000 + tv[1];
    }
}
