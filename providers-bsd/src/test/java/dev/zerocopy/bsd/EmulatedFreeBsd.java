package dev.zerocopy.bsd;

import com.sun.jna.Pointer;
import dev.zerocopy.emulated.EmulatedOs;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.spi.Errno;

/**
 * FreeBSD's C library emulated on Linux descriptors: sendfile(2) with {@code sbytes}, copy_file_range(2)
 * (13.0 and later) with reliable offsets after EINTR, fcntl(F_GETFL) with FreeBSD's O_APPEND.
 */
public final class EmulatedFreeBsd extends EmulatedBsd implements FreeBsdLibc {

    /** FreeBSD 13 or later. */
    public static final EmulatedOs OS = new EmulatedOs("FreeBSD", plan -> new EmulatedFreeBsd(plan, true));
    /** FreeBSD 12: no copy_file_range. */
    public static final EmulatedOs OS_12 = new EmulatedOs("FreeBSD 12", plan -> new EmulatedFreeBsd(plan, false));

    private final boolean copyFileRange;

    /**
     * Creates the kernel.
     *
     * @param plan          the faults to inject
     * @param copyFileRange whether the release has copy_file_range (13.0 or later)
     */
    public EmulatedFreeBsd(FaultPlan plan, boolean copyFileRange) {
        super(Errno.Table.FREEBSD, plan);
        this.copyFileRange = copyFileRange;
    }

    @Override
    public String os() {
        return copyFileRange ? "FreeBSD" : "FreeBSD 12";
    }

    @Override
    int notRegularFile() {
        return fail(Errno.EINVAL);
    }

    @Override
    public int sendfile(int fd, int s, long offset, long nbytes, Pointer hdtr, long[] sbytes, int flags) {
        if (hdtr != null || flags != 0) {
            return fail(Errno.EINVAL);          // not emulated
        }
        return sendfile(fd, s, offset, nbytes, sbytes);
    }

    @Override
    public boolean hasCopyFileRange() {
        return copyFileRange;
    }

    @Override
    public long copy_file_range(int infd, long[] inoffp, int outfd, long[] outoffp, long len, int flags) {
        if (!copyFileRange) {
            throw new UnsatisfiedLinkError("FreeBSD 12 has no copy_file_range: the provider must not call it");
        }
        if (flags != 0 || !isRegularFile(infd) || !isRegularFile(outfd)) {
            return fail(Errno.EINVAL);
        }
        if (isAppend(outfd)) {
            return fail(Errno.EBADF);
        }
        FaultPlan.Injection injection = begin(len);
        if (injection.before() != null) {
            return fail(injection.before());
        }
        Outcome outcome = copyFileRange(infd, inoffp[0], outfd, outoffp[0], Math.min(len, injection.cap()));
        inoffp[0] += outcome.bytes();
        outoffp[0] += outcome.bytes();
        if (injection.after() != null) {
            return fail(injection.after());
        }
        return outcome.error() != Errno.NONE ? fail(outcome.error()) : outcome.bytes();
    }

    @Override
    public int fcntl(int fd, int cmd) {
        if (cmd != F_GETFL) {
            return fail(Errno.EINVAL);          // not emulated
        }
        return isAppend(fd) ? O_APPEND : 0;
    }
}
