package dev.zerocopy.linux;

import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;

/**
 * {@code sendfile64(out, in, &position, count)}: from a file at the transfer's position to a socket, pipe
 * or file (written at its own position). Linux reports partial progress as a short count, never together
 * with an error.
 */
final class SendfileStep implements LinuxStep {

    /** Linux moves at most MAX_RW_COUNT (INT_MAX rounded down to a page) per call (fs/read_write.c). */
    static final long MAX_RW_COUNT = 0x7ffff000L;

    private final int in;
    private final End out;
    private final long[] offset = new long[1];

    SendfileStep(int in, End out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void run(long position, long count, StepResult result) {
        offset[0] = position;
        long n = LinuxLibc.sendfile64(out.fd(), in, offset, count);
        if (n >= 0) {
            result.moved(n);
        } else {
            int errno = LinuxErrno.last();
            result.failed(LinuxErrno.TABLE.of(errno), errno);
        }
    }

    @Override
    public Readiness readiness() {
        return new EndsReadiness(new End(in, true, false), out);
    }
}
