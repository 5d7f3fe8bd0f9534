package dev.zerocopy.linux;

import dev.zerocopy.spi.FdOps;
import dev.zerocopy.spi.PollReadiness;

/** {@code dup}, {@code close} and {@code poll} for the toolkit. */
final class LinuxFds implements FdOps, PollReadiness.Poll {

    static final LinuxFds INSTANCE = new LinuxFds();

    private LinuxFds() {
    }

    @Override
    public int dup(int fd) {
        return LinuxLibc.dup(fd);
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
        return LinuxLibc.poll(new int[] {fd, events & 0xffff}, 1, timeoutMillis);
    }

    /** Whether two descriptors refer to the same file (same device and inode). */
    static boolean sameFile(int a, int b) {
        long[] first = new long[LinuxLibc.STAT_LONGS];
        long[] second = new long[LinuxLibc.STAT_LONGS];
        return LinuxLibc.fstat(a, first) == 0 && LinuxLibc.fstat(b, second) == 0
                && first[0] == second[0] && first[1] == second[1];
    }

    /** Whether the descriptor's file status flags include {@code flag}. */
    static boolean hasStatusFlag(int fd, int flag) {
        int flags = LinuxLibc.fcntl(fd, LinuxLibc.F_GETFL, 0);
        return flags != -1 && (flags & flag) != 0;
    }
}
