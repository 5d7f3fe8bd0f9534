package dev.zerocopy.solaris;

import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;

/**
 * One sendfile(3EXT) from a file to a socket, its progress read from {@code *off}.
 */
final class SolarisSendfile implements TransferStep {

    private final SolarisLibc libc;
    private final int file;
    private final int socket;
    private final long[] off = new long[1];

    SolarisSendfile(SolarisLibc libc, int file, int socket) {
        this.libc = libc;
        this.file = file;
        this.socket = socket;
    }

    @Override
    public void run(long position, long count, StepResult result) throws IOException {
        off[0] = position;
        long r = libc.sendfile(socket, file, off, count);
        // Trust *off, not the return value: it counts what was sent also when -1 comes with EAGAIN or
        // EINTR after a partial write (sendfile(3EXT); Go internal/poll/sendfile_solaris.go does the same).
        long moved = off[0] - position;
        if (moved < 0 || moved > count) {
            throw new IOException("sendfile advanced the offset by " + moved + " for a request of " + count);
        }
        if (r != -1) {
            result.moved(moved);
            return;
        }
        int number = libc.errno();
        Errno errno = Errno.Table.SOLARIS.of(number);
        if (errno == Errno.EINVAL && (moved > 0 || position >= libc.fileSize(file))) {
            // EINVAL is how sendfile reports an offset past the end of a file that shrank (illumos
            // uts/common/syscall/sendfile.c): with progress, or at the end, it is the end of the file.
            result.moved(moved);
            return;
        }
        result.set(moved, errno, number);
    }
}
