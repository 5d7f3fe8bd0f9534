package dev.zerocopy.solaris;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.EmulatedOs;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.spi.Errno;

/**
 * Solaris's sendfile(3EXT) emulated on Linux descriptors: {@code *off} is advanced by every byte sent,
 * also when -1 is returned; a partial write, cut short by a full buffer or a signal, returns its count;
 * an offset past the end of the file is EINVAL; a count of 0 sends nothing.
 */
public final class EmulatedSolaris extends EmulatedKernel implements SolarisLibc {

    /** Solaris. */
    public static final EmulatedOs OS = new EmulatedOs("Solaris", EmulatedSolaris::new);

    /**
     * Creates the kernel.
     *
     * @param plan the faults to inject
     */
    public EmulatedSolaris(FaultPlan plan) {
        super(Errno.Table.SOLARIS::numberOf, plan);
    }

    @Override
    public String os() {
        return "Solaris";
    }

    @Override
    public ZeroCopyTransfer provider() {
        return new SolarisTransfer(this);
    }

    @Override
    public long sendfile(int outFd, int inFd, long[] off, long len) {
        if (!isStreamSocket(outFd) || !isRegularFile(inFd) || off[0] < 0) {
            return fail(Errno.EINVAL);      // regular-file targets are not emulated
        }
        FaultPlan.Injection injection = begin(len);
        if (injection.before() != null) {
            return fail(injection.before());
        }
        if (off[0] > size(inFd)) {
            return fail(Errno.EINVAL);      // illumos sendfile.c: offset beyond the end of the file
        }
        Outcome outcome = sendfile(inFd, outFd, off[0], Math.min(len, injection.cap()));
        off[0] += outcome.bytes();
        if (injection.after() != null) {
            return fail(injection.after());
        }
        if ((outcome.error() == Errno.EAGAIN || outcome.error() == Errno.EINTR) && outcome.bytes() > 0) {
            // A partial write returns its count; EINTR only when "no data was transferred" (sendfile(3EXT)).
            return outcome.bytes();
        }
        return outcome.error() != Errno.NONE ? fail(outcome.error()) : outcome.bytes();
    }
}
