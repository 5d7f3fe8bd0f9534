package dev.zerocopy.bsd;

import com.sun.jna.Pointer;
import dev.zerocopy.emulated.EmulatedOs;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.spi.Errno;

/**
 * macOS's C library emulated on Linux descriptors: sendfile(2) with {@code *len} in and out, ENOTSUP (45,
 * not EOPNOTSUPP's 102) for a descriptor that is not a regular file.
 */
public final class EmulatedMacOs extends EmulatedBsd implements MacOsLibc {

    /** macOS. */
    public static final EmulatedOs OS = new EmulatedOs("macOS", EmulatedMacOs::new);

    /** macOS's ENOTSUP. */
    static final int ENOTSUP = 45;

    /**
     * Creates the kernel.
     *
     * @param plan the faults to inject
     */
    public EmulatedMacOs(FaultPlan plan) {
        super(Errno.Table.MACOS, plan);
    }

    @Override
    public String os() {
        return "macOS";
    }

    @Override
    int notRegularFile() {
        return failNumber(ENOTSUP);
    }

    @Override
    public int sendfile(int fd, int s, long offset, long[] len, Pointer hdtr, int flags) {
        if (len == null || hdtr != null || flags != 0) {
            return fail(Errno.EINVAL);
        }
        return sendfile(fd, s, offset, len[0], len);
    }
}
