package dev.zerocopy.bsd;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.zerocopy.posix.JnaPosixLibc;
import dev.zerocopy.posix.NativeBinding;
import dev.zerocopy.posix.PosixSystem;

/**
 * {@link MacOsLibc} through JNA direct mapping. Only {@link BsdTransfer} creates it, and only when
 * {@code os.name} is macOS; the natives are registered on first use.
 */
final class JnaMacOsLibc extends JnaPosixLibc implements MacOsLibc {

    /** macOS's {@code sendfile}; its 6-argument prototype with {@code off_t *len} is macOS's alone. */
    static final class Sendfile {
        static {
            Native.register(Sendfile.class, Platform.C_LIBRARY_NAME);
        }

        private Sendfile() {
        }

        static native int sendfile(int fd, int s, long offset, long[] len, Pointer hdtr, int flags);
    }

    private static final NativeBinding SENDFILE = new NativeBinding(Sendfile.class);

    JnaMacOsLibc() {
        super(PosixSystem.MACOS, SENDFILE);
    }

    @Override
    public int sendfile(int fd, int s, long offset, long[] len, Pointer hdtr, int flags) {
        return Sendfile.sendfile(fd, s, offset, len, hdtr, flags);
    }
}
