package dev.zerocopy.bsd;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.zerocopy.spi.PollFd;

/**
 * The JNA direct-mapped calls FreeBSD and macOS share (same prototypes, same constants). The natives are
 * registered when {@link Posix} is first used, which only ever happens on FreeBSD or macOS.
 */
abstract class JnaBsdLibc implements BsdLibc {

    /** {@code SOL_SOCKET} on FreeBSD and macOS. */
    private static final int SOL_SOCKET = 0xffff;
    /** {@code SO_SNDTIMEO} on FreeBSD and macOS. */
    private static final int SO_SNDTIMEO = 0x1005;
    /** {@code sizeof(struct timeval)} on LP64 (macOS: {@code long tv_sec; int tv_usec;} plus padding). */
    private static final int TIMEVAL_SIZE = 16;

    /** The direct-mapped functions. */
    static final class Posix {
        static {
            Native.register(Posix.class, Platform.C_LIBRARY_NAME);
        }

        private Posix() {
        }

        static native int dup(int fd);

        static native int close(int fd);

        static native int poll(int[] fds, int nfds, int timeout);

        static native int fcntl(int fd, int cmd);

        static native int getsockopt(int s, int level, int name, long[] value, int[] length);

        static native int setsockopt(int s, int level, int name, long[] value, int length);
    }

    @Override
    public int dup(int fd) {
        return Posix.dup(fd);
    }

    @Override
    public int close(int fd) {
        return Posix.close(fd);
    }

    @Override
    public int errno() {
        return Native.getLastError();
    }

    @Override
    public int poll(int fd, short events, int timeoutMillis) {
        return Posix.poll(PollFd.of(fd, events), 1, timeoutMillis);
    }

    /**
     * {@code int fcntl(int fd, int cmd)}.
     *
     * @param fd  the descriptor
     * @param cmd the command
     * @return the result, or {@code -1}
     */
    public int fcntl(int fd, int cmd) {
        return Posix.fcntl(fd, cmd);
    }

    @Override
    public int getSendTimeout(int socket, long[] timeval) {
        // Little-endian LP64 only (amd64, arm64): macOS's 4-byte tv_usec lands in the low half of index 1.
        long[] value = new long[2];
        int r = Posix.getsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, value, new int[] {TIMEVAL_SIZE});
        timeval[0] = value[0];
        timeval[1] = value[1] & 0xffffffffL;
        return r;
    }

    @Override
    public int setSendTimeout(int socket, long seconds, long micros) {
        return Posix.setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, new long[] {seconds, micros}, TIMEVAL_SIZE);
    }
}
