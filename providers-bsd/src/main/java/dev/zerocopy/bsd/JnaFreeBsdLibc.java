package dev.zerocopy.bsd;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.zerocopy.posix.JnaPosixLibc;
import dev.zerocopy.posix.NativeBinding;
import dev.zerocopy.posix.PosixSystem;

/**
 * {@link FreeBsdLibc} through JNA direct mapping. Only {@link BsdTransfer} creates it, and only when
 * {@code os.name} is FreeBSD; the natives are registered on first use.
 */
final class JnaFreeBsdLibc extends JnaPosixLibc implements FreeBsdLibc {

    /** FreeBSD's {@code sendfile}; its 7-argument prototype exists on no other system. */
    static final class Sendfile {
        static {
            Native.register(Sendfile.class, Platform.C_LIBRARY_NAME);
        }

        private Sendfile() {
        }

        static native int sendfile(int fd, int s, long offset, long nbytes, Pointer hdtr, long[] sbytes, int flags);
    }

    /** FreeBSD 13's {@code copy_file_range}; registering it fails on older releases, which lack it. */
    static final class CopyFileRange {
        static {
            Native.register(CopyFileRange.class, Platform.C_LIBRARY_NAME);
        }

        private CopyFileRange() {
        }

        static native long copy_file_range(int infd, long[] inoffp, int outfd, long[] outoffp, long len, int flags);
    }

    private static final NativeBinding SENDFILE = new NativeBinding(Sendfile.class);
    private static final NativeBinding COPY_FILE_RANGE = new NativeBinding(CopyFileRange.class);

    JnaFreeBsdLibc() {
        super(PosixSystem.FREEBSD, SENDFILE);
    }

    @Override
    public int sendfile(int fd, int s, long offset, long nbytes, Pointer hdtr, long[] sbytes, int flags) {
        return Sendfile.sendfile(fd, s, offset, nbytes, hdtr, sbytes, flags);
    }

    @Override
    public boolean hasCopyFileRange() {
        return COPY_FILE_RANGE.bound();      // FreeBSD 12 and older: no such symbol (copy_file_range(2) HISTORY)
    }

    @Override
    public long copy_file_range(int infd, long[] inoffp, int outfd, long[] outoffp, long len, int flags) {
        return CopyFileRange.copy_file_range(infd, inoffp, outfd, outoffp, len, flags);
    }
}
