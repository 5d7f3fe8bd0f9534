package dev.zerocopy.bsd;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.spi.Errno;

/**
 * What FreeBSD's and macOS's {@code sendfile} share: a stream socket target, a regular file source,
 * "count 0 means until end of file", and the bytes sent reported through a pointer on every return,
 * -1 included. A blocking call ends early only when SO_SNDTIMEO expires (EAGAIN) or a signal arrives
 * (EINTR); a non-blocking one with EAGAIN.
 */
abstract class EmulatedBsd extends EmulatedKernel {

    EmulatedBsd(Errno.Table errno, FaultPlan plan) {
        super(errno::numberOf, plan);
    }

    /**
     * Fails the way the system does for a descriptor that is not a regular file.
     *
     * @return {@code -1}
     */
    abstract int notRegularFile();

    /**
     * Emulates one {@code sendfile}.
     *
     * @param fd        the file
     * @param s         the socket
     * @param offset    the offset
     * @param requested the bytes asked, 0 for "until end of file"
     * @param sent      receives the bytes sent, on every return
     * @return 0 or {@code -1}
     */
    final int sendfile(int fd, int s, long offset, long requested, long[] sent) {
        sent[0] = 0;
        if (!isRegularFile(fd)) {
            return notRegularFile();
        }
        if (!isStreamSocket(s)) {
            return fail(Errno.ENOTSOCK);
        }
        if (offset < 0) {
            return fail(Errno.EINVAL);
        }
        FaultPlan.Injection injection = begin(requested);
        if (injection.before() != null) {
            return fail(injection.before());
        }
        long wanted = requested == 0 ? Long.MAX_VALUE : requested;
        boolean shortCall = injection.cap() < wanted;
        Outcome outcome = sendfile(fd, s, offset, Math.min(wanted, injection.cap()));
        sent[0] = outcome.bytes();
        if (injection.after() != null) {
            return fail(injection.after());
        }
        if (outcome.error() != Errno.NONE) {
            return fail(outcome.error());
        }
        if (shortCall && outcome.bytes() == injection.cap()) {
            return fail(Errno.EAGAIN);          // a call cut short ends as a full buffer ends it
        }
        return 0;
    }

    @Override
    public final ZeroCopyTransfer provider() {
        return this instanceof FreeBsdLibc freeBsd ? new BsdTransfer(freeBsd) : new BsdTransfer((MacOsLibc) this);
    }
}
