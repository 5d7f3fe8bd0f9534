package dev.zerocopy.linux;

import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;

/**
 * {@code splice(in, offIn, out, offOut, count, SPLICE_F_MOVE | SPLICE_F_NONBLOCK)} where one end is a
 * pipe (a {@link java.nio.channels.Pipe} channel): the pipe side never sleeps (EAGAIN instead, which the
 * loop waits out with poll).
 */
final class SpliceStep implements LinuxStep {

    private final End in;
    private final End out;
    private final long[] inOffset;
    private final long[] outOffset;

    SpliceStep(End in, End out) {
        this.in = in;
        this.out = out;
        this.inOffset = in.newOffset();
        this.outOffset = out.newOffset();
    }

    @Override
    public void run(long position, long count, StepResult result) {
        long n = LinuxLibc.splice(in.fd(), End.at(inOffset, position), out.fd(), End.at(outOffset, position),
                count, LinuxLibc.SPLICE_F_MOVE | LinuxLibc.SPLICE_F_NONBLOCK);
        if (n >= 0) {
            result.moved(n);
        } else {
            int errno = LinuxErrno.last();
            result.failed(LinuxErrno.TABLE.of(errno), errno);
        }
    }

    @Override
    public Readiness readiness() {
        return new EndsReadiness(in, out);
    }
}
