package dev.zerocopy.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import dev.zerocopy.posix.NativeBinding;

/**
 * {@code copy_file_range(2)} through JNA, bound on its own because C libraries older than glibc 2.27 lack
 * it: a failed binding disables file-to-file {@code copy_file_range} only (see {@link #AVAILABLE}). Bound
 * on first use, the shared shell's way ({@link NativeBinding}).
 */
final class CopyFileRange {

    /** Whether the C library has the call. */
    static final boolean AVAILABLE = new NativeBinding(Bound.class).bound();

    private CopyFileRange() {
    }

    static long copyFileRange(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) {
        return Bound.copy_file_range(fdIn, offIn, fdOut, offOut, len, flags);
    }

    /** The bound symbol; loading the class binds it. */
    static final class Bound {
        static {
            Native.register(Bound.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Bound() {
        }

        static native long copy_file_range(int fdIn, long offIn, int fdOut, long offOut, long len, int flags);
    }
}
