package dev.zerocopy.solaris;

import com.sun.jna.Native;
import dev.zerocopy.posix.JnaPosixLibc;
import dev.zerocopy.posix.NativeBinding;
import dev.zerocopy.posix.PosixSystem;

/**
 * {@link SolarisLibc} through JNA direct mapping. Only {@link SolarisTransfer} creates it, and only when
 * {@code os.name} is SunOS; the natives are registered on first use.
 */
final class JnaSolarisLibc extends JnaPosixLibc implements SolarisLibc {

    /** libsendfile's {@code sendfile} (link with -lsendfile, sendfile(3EXT)). */
    static final class Sendfile {
        static {
            Native.register(Sendfile.class, "sendfile");
        }

        private Sendfile() {
        }

        static native long sendfile(int outFd, int inFd, long[] off, long len);
    }

    private static final NativeBinding SENDFILE = new NativeBinding(Sendfile.class);

    JnaSolarisLibc() {
        super(PosixSystem.SOLARIS, SENDFILE);
    }

    @Override
    public long sendfile(int outFd, int inFd, long[] off, long len) {
        return Sendfile.sendfile(outFd, inFd, off, len);
    }
}
