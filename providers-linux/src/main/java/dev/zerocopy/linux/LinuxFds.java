package dev.zerocopy.linux;

import dev.zerocopy.spi.FdOps;
import dev.zerocopy.spi.PollFd;
import dev.zerocopy.spi.PollReadiness;
import dev.zerocopy.spi.SocketTimeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code dup}, {@code close} and {@code poll} for the toolkit. */
final class LinuxFds implements FdOps, PollReadiness.Poll {

    static final LinuxFds INSTANCE = new LinuxFds();

    private LinuxFds() {
    }

    @Override
    public int dup(int fd) {
        // F_DUPFD_CLOEXEC, not dup(2): a process forked meanwhile must not inherit the transfer's reference.
        return LinuxLibc.fcntl(fd, LinuxLibc.F_DUPFD_CLOEXEC, 0);
    }

    @Override
    public int close(int fd) {
        return LinuxLibc.close(fd);
    }

    @Override
    public int errno() {
        return LinuxErrno.last();
    }

    @Override
    public int poll(int fd, short events, int timeoutMillis) {
        return LinuxLibc.poll(PollFd.of(fd, events), 1, timeoutMillis);
    }

    /** {@code SO_SNDTIMEO}, for {@link SocketTimeout}. */
    static final SocketTimeout.Option SEND_TIMEOUT = timeout(LinuxLibc.SO_SNDTIMEO);

    /** {@code SO_RCVTIMEO}, for {@link SocketTimeout}. */
    static final SocketTimeout.Option RECEIVE_TIMEOUT = timeout(LinuxLibc.SO_RCVTIMEO);

    /** A socket timeout option as {@code struct timeval} (two longs on 64-bit Linux). */
    private static SocketTimeout.Option timeout(int name) {
        return SocketTimeout.Option.of(
                (fd, timeval) -> LinuxLibc.getsockopt(fd, LinuxLibc.SOL_SOCKET, name, timeval, new int[] {16}),
                (fd, seconds, micros) -> LinuxLibc.setsockopt(fd, LinuxLibc.SOL_SOCKET, name,
                        new long[] {seconds, micros}, 16));
    }

    /**
     * Whether two descriptors refer to the same file (same device and inode), through their
     * {@code /proc/self/fd} links: no {@code fstat} binding, which glibc only exports since 2.33.
     */
    static boolean sameFile(int a, int b) {
        try {
            return Files.isSameFile(Path.of("/proc/self/fd/" + a), Path.of("/proc/self/fd/" + b));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
