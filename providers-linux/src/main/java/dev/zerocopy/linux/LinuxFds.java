package dev.zerocopy.linux;

import dev.zerocopy.posix.JnaPosixLibc;
import dev.zerocopy.posix.PosixSystem;
import dev.zerocopy.spi.SocketTimeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dup}, {@code close}, {@code poll} and the socket timeouts for the toolkit: the shared C library
 * shell with Linux's constants, duplicating with {@code F_DUPFD_CLOEXEC}.
 */
final class LinuxFds extends JnaPosixLibc {

    static final LinuxFds INSTANCE = new LinuxFds();

    /** {@code SO_SNDTIMEO}, for {@link SocketTimeout}. */
    static final SocketTimeout.Option SEND_TIMEOUT = INSTANCE.sendTimeout();

    /** {@code SO_RCVTIMEO}, for {@link SocketTimeout}. */
    static final SocketTimeout.Option RECEIVE_TIMEOUT = SocketTimeout.Option.of(INSTANCE::getReceiveTimeout,
            INSTANCE::setReceiveTimeout);

    private LinuxFds() {
        super(PosixSystem.LINUX);
    }

    @Override
    public int dup(int fd) {
        // F_DUPFD_CLOEXEC, not dup(2): a process forked meanwhile must not inherit the transfer's reference.
        return LinuxLibc.fcntl(fd, LinuxLibc.F_DUPFD_CLOEXEC, 0);
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
