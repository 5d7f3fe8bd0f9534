package dev.zerocopy.linux;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A kernel pipe used as the buffer of two splices, sized with {@code F_SETPIPE_SZ}. */
final class KernelPipe implements AutoCloseable {

    /**
     * The size asked for: 1 MiB, the default {@code /proc/sys/fs/pipe-max-size}, so that one pair of
     * splices moves up to 1 MiB; an unprivileged process over its pipe quota gets what the kernel allows.
     */
    static final int WANTED_SIZE = 1 << 20;

    private final int readFd;
    private final int writeFd;
    private final int size;
    private ByteBuffer scratch;     // direct, made on first use, kept with the pooled pipe
    private long scratchAddress;

    private KernelPipe(int readFd, int writeFd, int size) {
        this.readFd = readFd;
        this.writeFd = writeFd;
        this.size = size;
    }

    static KernelPipe open() throws IOException {
        try (Offsets scratch = Offsets.take()) {
            int[] fds = scratch.pipe2(LinuxLibc.O_CLOEXEC);
            if (fds == null) {
                int errno = Syscalls.fdErrno(scratch);
                throw new IOException("pipe2 failed with " + LinuxErrno.TABLE.of(errno) + " (errno " + errno + ")");
            }
            int size = Syscalls.fcntl(scratch, fds[1], LinuxLibc.F_SETPIPE_SZ, WANTED_SIZE);
            if (size < 0) {
                size = Syscalls.fcntl(scratch, fds[1], LinuxLibc.F_GETPIPE_SZ, 0);
            }
            return new KernelPipe(fds[0], fds[1], Math.max(size, 4096));
        }
    }

    int readFd() {
        return readFd;
    }

    int writeFd() {
        return writeFd;
    }

    int size() {
        return size;
    }

    /**
     * Native memory of at least {@code bytes} bytes for the pipe's user (a read past TCP urgent data),
     * allocated on first use and kept with the pooled pipe, so that transfers do not allocate it each time.
     *
     * @param bytes the bytes needed, the same on every call
     * @return its address, valid while this pipe is
     */
    long scratch(int bytes) {
        if (scratch == null) {
            scratch = ByteBuffer.allocateDirect(bytes);
            scratchAddress = Syscalls.address(scratch);
        }
        return scratchAddress;
    }

    @Override
    public void close() {
        try (Offsets scratch = Offsets.take()) {
            Syscalls.close(scratch, readFd);
            Syscalls.close(scratch, writeFd);
        }
    }
}
