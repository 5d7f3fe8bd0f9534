package dev.zerocopy.bsd;

import dev.zerocopy.posix.PosixLibc;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.TransferStep;

/** macOS: {@code sendfile(2)} with {@code *len} in and out. macOS has no {@code copy_file_range}. */
final class MacOsSteps extends BsdSteps {

    private final MacOsLibc libc;

    MacOsSteps(MacOsLibc libc) {
        this.libc = libc;
    }

    @Override
    String name() {
        return "macOS";
    }

    @Override
    PosixLibc libc() {
        return libc;
    }

    @Override
    TransferStep sendfile(int file, int socket) {
        long[] len = new long[1];
        return (position, count, result) -> {
            // count >= 1 always: *len == 0 would mean "send until end of file" (macOS sendfile(2)).
            len[0] = count;
            int r = libc.sendfile(file, socket, position, len, null, 0);
            // *len is the bytes sent, also when -1 comes with EAGAIN or EINTR (macOS sendfile(2)); xnu
            // copies it out on every exit, 0 on early failures (bsd/kern/uipc_syscalls.c, sendfile "done:").
            // EAGAIN may come with the whole count sent; the copy loop counts the bytes before it looks at
            // the error, so that is success (SeedScenarios.eagainAfterTheWholeCountIsSuccess).
            report(result, "sendfile", len[0], count, r == -1, r == -1 ? libc.errno() : 0, Errno.Table.MACOS);
        };
    }
}
