package dev.zerocopy.linux;

import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;

/**
 * {@code copy_file_range(in, offIn, out, offOut, count, 0)} between two files: in-kernel, and a reflink
 * or server-side copy where the file system offers one. EXDEV (different file systems before 5.3 or
 * 5.19), EINVAL (special files, overlapping ranges of one file) and EOPNOTSUPP mean "not handled";
 * EBADF for an O_APPEND target is mapped to EOPNOTSUPP for the same reason (copy_file_range(2)).
 */
final class CopyFileRangeStep implements LinuxStep {

    private final End in;
    private final End out;
    private final long[] inOffset;
    private final long[] outOffset;

    CopyFileRangeStep(End in, End out) {
        this.in = in;
        this.out = out;
        this.inOffset = in.newOffset();
        this.outOffset = out.newOffset();
    }

    @Override
    public void run(long position, long count, StepResult result) {
        long n = LinuxLibc.copy_file_range(in.fd(), End.at(inOffset, position), out.fd(),
                End.at(outOffset, position), count, 0);
        if (n >= 0) {
            result.moved(n);
            return;
        }
        int errno = LinuxErrno.last();
        Errno error = LinuxErrno.TABLE.of(errno);
        // copy_file_range(2): EBADF "fd_out is open for appending (O_APPEND)"; our fds are valid dups.
        result.failed(error == Errno.EBADF ? Errno.EOPNOTSUPP : error, errno);
    }

    @Override
    public Readiness readiness() {
        return Readiness.immediate();   // files never report EAGAIN
    }
}
