package dev.zerocopy.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * {@code copy_file_range(2)}, bound on its own because C libraries older than glibc 2.27 lack it: a
 * failed binding disables file-to-file {@code copy_file_range} only (see {@link #AVAILABLE}).
 */
final class CopyFileRange {

    /** Whether the C library has the call. */
    static final boolean AVAILABLE = bind();

    private CopyFileRange() {
    }

    private static boolean bind() {
        try {
            Native.register(Bound.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (LinkageError e) {
            return false;
        }
    }

    static long copyFileRange(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) {
        return Bound.copy_file_range(fdIn, offIn, fdOut, offOut, len, flags);
    }

    /** The bound symbol. */
    static final class Bound {
        private Bound() {
        }

        static native long copy_file_range(int fdIn, long offIn, int fdOut, long offOut, long len, int flags);
    }
}
