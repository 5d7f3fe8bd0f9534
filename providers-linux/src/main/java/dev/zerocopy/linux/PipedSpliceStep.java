package dev.zerocopy.linux;

import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferContext;
import java.io.IOException;

/**
 * Two splices through a pooled kernel pipe, for pairs where neither end is a pipe (socket to file, socket
 * to socket): {@code splice(in -> pipe)}, then {@code splice(pipe -> out)}. Bytes in the pipe have left
 * the source but not reached the target; while there are any, each step only drains them, and the step
 * {@linkplain #holdsBytes() holds bytes}. A step reports only bytes that reached the target.
 */
final class PipedSpliceStep implements LinuxStep {

    private static final int FLAGS = LinuxLibc.SPLICE_F_MOVE | LinuxLibc.SPLICE_F_NONBLOCK;

    /** Bytes read past a TCP urgent mark at a time: below any pipe's capacity (4 KiB at least). */
    private static final int READ_CHUNK = 4096;

    private final End in;
    private final End out;
    private final KernelPipe pipe;
    private final Offsets offsets;
    private final TransferContext context;
    private long pending;
    private boolean blockedOnInput;

    PipedSpliceStep(Offsets offsets, End in, End out, KernelPipe pipe, TransferContext context) {
        this.in = in;
        this.out = out;
        this.pipe = pipe;
        this.context = context;
        this.offsets = offsets;
    }

    @Override
    public void run(long position, long count, StepResult result) throws IOException {
        if (pending == 0) {
            long n = Syscalls.splice(offsets, in.fd(), offsets.in(in, position), pipe.writeFd(), 0,
                    Math.min(count, pipe.size()), FLAGS);
            int errno = n < 0 ? Syscalls.errno(offsets) : 0;
            if (n == 0 || LinuxErrno.TABLE.of(errno) == Errno.EAGAIN) {
                // tcp_splice_read stops at TCP urgent data: 0 although bytes follow, or EAGAIN although poll
                // says readable. A plain recv reads past the mark (dropping the urgent byte, as the JDK's read
                // does) and tells a real end of stream (0) from "nothing yet" (EAGAIN).
                n = readPastUrgentMark(Math.min(count, READ_CHUNK));
                errno = n < 0 ? Syscalls.fdErrno(offsets) : 0;
            }
            if (n == 0) {
                result.moved(0);                    // end of the source
                return;
            }
            if (n < 0) {
                blockedOnInput = true;
                result.failed(LinuxErrno.TABLE.of(errno), errno);
                return;
            }
            pending = n;
        }
        long n = Syscalls.splice(offsets, pipe.readFd(), 0, out.fd(), offsets.out(out, position), pending, FLAGS);
        if (n >= 0) {
            pending -= n;
            result.moved(n);
        } else {
            int errno = Syscalls.errno(offsets);
            blockedOnInput = false;
            result.failed(LinuxErrno.TABLE.of(errno), errno);
        }
    }

    /** Reads with {@code recv(MSG_DONTWAIT)} into scratch memory and puts the bytes into the empty pipe. */
    private long readPastUrgentMark(long length) throws IOException {
        long scratchAddress = pipe.scratch(READ_CHUNK);
        long n = Syscalls.recv(offsets, in.fd(), scratchAddress, length, LinuxLibc.MSG_DONTWAIT);
        if (n > 0 && Syscalls.write(offsets, pipe.writeFd(), scratchAddress, n) != n) {
            throw new IOException("an empty pipe of " + pipe.size() + " bytes refused " + n);
        }
        return n;
    }

    @Override
    public String syscall() {
        return "splice";
    }

    @Override
    public boolean holdsBytes() {
        return pending > 0;
    }

    /** Waits on the side that reported EAGAIN last: the source for input, the target for output. */
    @Override
    public Readiness readiness() {
        return this::await;
    }

    private boolean await(int timeoutMillis) throws IOException {
        return blockedOnInput ? context.awaitSource(timeoutMillis) : context.awaitTarget(timeoutMillis);
    }
}
