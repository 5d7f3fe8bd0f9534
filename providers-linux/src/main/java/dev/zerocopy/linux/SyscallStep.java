package dev.zerocopy.linux;

import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;

/**
 * One Linux call between two ends that reports progress as its return value and errors as -1 with errno,
 * never both: {@code sendfile64}, {@code splice} (one end a pipe) and {@code copy_file_range}. The
 * transfer's position is passed as the offset of the {@linkplain End#positional() positional} end.
 */
final class SyscallStep implements LinuxStep {

    /** Linux moves at most MAX_RW_COUNT (INT_MAX rounded down to a page) per call (fs/read_write.c). */
    static final long MAX_RW_COUNT = 0x7ffff000L;

    /** The call, in {@code splice}'s argument order. */
    @FunctionalInterface
    interface Call {
        long invoke(int in, long[] inOffset, int out, long[] outOffset, long count);
    }

    private static final int SPLICE_FLAGS = LinuxLibc.SPLICE_F_MOVE | LinuxLibc.SPLICE_F_NONBLOCK;

    private final End in;
    private final End out;
    private final Call call;
    private final long[] inOffset;
    private final long[] outOffset;

    private SyscallStep(End in, End out, Call call) {
        this.in = in;
        this.out = out;
        this.call = call;
        this.inOffset = in.newOffset();
        this.outOffset = out.newOffset();
    }

    /** {@code sendfile64(out, in, &position, count)}: from a positional file to anything (a file at its position). */
    static SyscallStep sendfile(End in, End out) {
        return new SyscallStep(in, out, (i, io, o, oo, count) -> LinuxLibc.sendfile64(o, i, io, count));
    }

    /**
     * {@code splice(in, offIn, out, offOut, count, SPLICE_F_MOVE | SPLICE_F_NONBLOCK)} where one end is a
     * pipe: the pipe side reports EAGAIN instead of sleeping.
     */
    static SyscallStep splice(End in, End out) {
        return new SyscallStep(in, out, (i, io, o, oo, count) -> LinuxLibc.splice(i, io, o, oo, count, SPLICE_FLAGS));
    }

    /**
     * {@code copy_file_range(in, offIn, out, offOut, count, 0)} between two files: in-kernel, a reflink or
     * a server-side copy where the file system offers one. EXDEV, EINVAL and EOPNOTSUPP mean "not handled".
     */
    static SyscallStep copyFileRange(End in, End out) {
        return new SyscallStep(in, out, (i, io, o, oo, count) -> CopyFileRange.copyFileRange(i, io, o, oo, count, 0));
    }

    @Override
    public void run(long position, long count, StepResult result) {
        long n = call.invoke(in.fd(), End.at(inOffset, position), out.fd(), End.at(outOffset, position), count);
        if (n >= 0) {
            result.moved(n);
            return;
        }
        int errno = LinuxErrno.last();
        Errno error = LinuxErrno.TABLE.of(errno);
        // copy_file_range(2): EBADF means "fd_out is open for appending (O_APPEND)" (our fds are valid dups,
        // so from any of these calls EBADF can only mean the pair is unsupported).
        result.failed(error == Errno.EBADF ? Errno.EOPNOTSUPP : error, errno);
    }

    @Override
    public Readiness readiness() {
        return new EndsReadiness(in, out);
    }
}
