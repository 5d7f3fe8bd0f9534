package dev.zerocopy.bsd;

import dev.zerocopy.posix.PosixLibc;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.TransferStep;

/** FreeBSD: {@code sendfile(2)} with {@code sbytes}, and {@code copy_file_range(2)} from 13.0 on. */
final class FreeBsdSteps extends BsdSteps {

    private final FreeBsdLibc libc;

    FreeBsdSteps(FreeBsdLibc libc) {
        this.libc = libc;
    }

    @Override
    String name() {
        return "FreeBSD";
    }

    @Override
    PosixLibc libc() {
        return libc;
    }

    @Override
    TransferStep sendfile(int file, int socket) {
        long[] sbytes = new long[1];
        return (position, count, result) -> {
            sbytes[0] = 0;
            // count >= 1 always: nbytes == 0 would mean "send until end of file" (FreeBSD sendfile(2)).
            int r = libc.sendfile(file, socket, position, count, null, sbytes, 0);
            // sbytes is set also when -1 comes with EAGAIN, EINTR or EBUSY (FreeBSD sendfile(2), ERRORS).
            report(result, "sendfile", sbytes[0], count, r == -1, r == -1 ? libc.errno() : 0, Errno.Table.FREEBSD);
        };
    }

    @Override
    boolean hasCopyFileRange() {
        return libc.hasCopyFileRange();
    }

    @Override
    String copyFileRangeRefusal(int out) {
        if (!libc.hasCopyFileRange()) {
            return "needs FreeBSD 13 or later";
        }
        int flags = libc.fcntl(out, FreeBsdLibc.F_GETFL);
        if (flags == -1) {
            return "fcntl(F_GETFL) failed with " + Errno.Table.FREEBSD.of(libc.errno());
        }
        // O_APPEND output is refused with EBADF, an error, not "unsupported" (copy_file_range(2), ERRORS).
        return (flags & FreeBsdLibc.O_APPEND) != 0 ? "the target file is opened for appending" : null;
    }

    @Override
    TransferStep copyFileRange(int in, int out, long delta) {
        long[] inOffset = new long[1];
        long[] outOffset = new long[1];
        return (position, count, result) -> {
            inOffset[0] = position;
            outOffset[0] = position + delta;
            long r = libc.copy_file_range(in, inOffset, out, outOffset, count, 0);
            // After EINTR the offsets are reliable and tell what was copied (copy_file_range(2), ERRORS).
            long moved = r >= 0 ? r : inOffset[0] - position;
            report(result, "copy_file_range", moved, count, r == -1, r == -1 ? libc.errno() : 0, Errno.Table.FREEBSD);
        };
    }
}
