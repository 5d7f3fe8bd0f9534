package dev.zerocopy.linux;

import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferContext;
import java.io.IOException;

/**
 * One Linux call between two ends that reports progress as its return value and errors as -1 with errno,
 * never both: {@code sendfile64}, {@code splice} (one end a pipe) and {@code copy_file_range}. The
 * transfer's position is passed as the offset of the {@linkplain End#positional() positional} end. The
 * factories hand out the one reusable step of the transfer's {@link Offsets}, set for the call: a transfer
 * runs one step at a time.
 */
final class SyscallStep implements LinuxStep, Readiness {

    /** Linux moves at most MAX_RW_COUNT (INT_MAX rounded down to a page) per call (fs/read_write.c). */
    static final long MAX_RW_COUNT = 0x7ffff000L;

    private static final int SENDFILE = 0;
    private static final int SPLICE = 1;
    private static final int COPY_FILE_RANGE = 2;
    private static final int EAGAIN = 11;

    /**
     * {@code SPLICE_F_NONBLOCK} makes the pipe side report EAGAIN instead of sleeping; the socket side of a
     * blocking socket may still sleep (measured), which the JDK's close and interrupt wake in the guest
     * protocol and a bounded socket timeout ends otherwise.
     */
    private static final int SPLICE_FLAGS = LinuxLibc.SPLICE_F_MOVE | LinuxLibc.SPLICE_F_NONBLOCK;

    private final Offsets offsets;
    // the ends' fields, not the End records, so that the records need not outlive the factory call
    private int call;
    private int inFd;
    private boolean inPositional;
    private boolean inPollable;
    private int outFd;
    private boolean outPositional;
    private boolean outPollable;
    private boolean sourceReadyFirst;
    private boolean targetRoomFirst;
    private TransferContext context;

    /** The step of one {@link Offsets}, whose memory it passes to each call. */
    SyscallStep(Offsets offsets) {
        this.offsets = offsets;
    }

    private SyscallStep set(int call, End in, End out, TransferContext context) {
        this.call = call;
        this.inFd = in.fd();
        this.inPositional = in.positional();
        this.inPollable = in.pollable();
        this.outFd = out.fd();
        this.outPositional = out.positional();
        this.outPollable = out.pollable();
        this.sourceReadyFirst = false;
        this.targetRoomFirst = false;
        this.context = context;
        return this;
    }

    /**
     * Makes each call wait for the source to be readable first (reporting EAGAIN while it is not): for a
     * splice from a blocking socket into a pipe, which would otherwise sleep in the socket's receive while
     * holding the pipe's lock, so that the pipe's reader could not take the bytes already in it until more
     * arrived.
     *
     * @return this step
     */
    SyscallStep sourceReadyFirst() {
        this.sourceReadyFirst = true;
        return this;
    }

    /**
     * Makes each call into a blocking socket first ask how much the socket can take without sleeping and
     * ask for no more (reporting EAGAIN while it has no room): for a splice from a pipe, which would
     * otherwise sleep in the socket's send while holding the pipe's lock, so that the pipe's writers could
     * not add bytes until the peer read.
     *
     * @return this step
     */
    SyscallStep targetRoomFirst() {
        this.targetRoomFirst = true;
        return this;
    }

    /** Forgets the transfer it was set for. */
    void clear() {
        this.context = null;
    }

    /**
     * After EAGAIN: waits until the source is readable, then until the target is writable, each only if it
     * can report EAGAIN at all; the context waits the JDK's way where it can (the channel's own park, on
     * which a virtual thread unmounts).
     */
    @Override
    public boolean await(int timeoutMillis) throws IOException {
        if (inPollable && !context.awaitSource(timeoutMillis)) {
            return false;
        }
        return !outPollable || context.awaitTarget(timeoutMillis);
    }

    /** {@code sendfile64(out, in, &position, count)}: from a positional file to anything (a file at its position). */
    static SyscallStep sendfile(Offsets offsets, End in, End out, TransferContext context) {
        return offsets.step().set(SENDFILE, in, out, context);
    }

    /** {@code splice(in, offIn, out, offOut, count, SPLICE_F_MOVE | SPLICE_F_NONBLOCK)} where one end is a pipe. */
    static SyscallStep splice(Offsets offsets, End in, End out, TransferContext context) {
        return offsets.step().set(SPLICE, in, out, context);
    }

    /**
     * {@code copy_file_range(in, offIn, out, offOut, count, 0)} between two files: in-kernel, a reflink or
     * a server-side copy where the file system offers one. EXDEV, EINVAL and EOPNOTSUPP mean "not handled".
     */
    static SyscallStep copyFileRange(Offsets offsets, End in, End out, TransferContext context) {
        return offsets.step().set(COPY_FILE_RANGE, in, out, context);
    }

    @Override
    public String syscall() {
        return call == SENDFILE ? "sendfile" : call == SPLICE ? "splice" : "copy_file_range";
    }

    @Override
    public void run(long position, long count, StepResult result) throws IOException {
        if (sourceReadyFirst && !context.sourceReadyNow()) {
            result.failed(Errno.EAGAIN, EAGAIN);
            return;
        }
        if (targetRoomFirst) {
            int room = context.targetRoomNow();
            if (room == 0) {
                result.failed(Errno.EAGAIN, EAGAIN);
                return;
            }
            count = Math.min(count, room);
        }
        long inOffset = offsets.in(inPositional, position);
        long outOffset = offsets.out(outPositional, position);
        long n;
        switch (call) {
            case SENDFILE:
                n = Syscalls.sendfile(offsets, outFd, inFd, inOffset, count);
                break;
            case SPLICE:
                n = Syscalls.splice(offsets, inFd, inOffset, outFd, outOffset, count, SPLICE_FLAGS);
                break;
            default:
                n = Syscalls.copyFileRange(offsets, inFd, inOffset, outFd, outOffset, count, 0);
        }
        if (n >= 0) {
            result.moved(n);
            return;
        }
        int errno = Syscalls.errno(offsets);
        Errno error = LinuxErrno.TABLE.of(errno);
        // copy_file_range(2): EBADF means "fd_out is open for appending (O_APPEND)" (the channels are open
        // and held, so from any of these calls EBADF can only mean the pair is unsupported).
        result.failed(error == Errno.EBADF ? Errno.EOPNOTSUPP : error, errno);
    }

    @Override
    public Readiness readiness() {
        return this;
    }
}
