package dev.zerocopy.solaris;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.zerocopy.spi.PollFd;

/**
 * {@link SolarisLibc} through JNA direct mapping. Only {@link SolarisTransfer} creates it, and only when
 * {@code os.name} is SunOS; the natives are registered on first use.
 */
final class JnaSolarisLibc implements SolarisLibc {

    /** {@code SOL_SOCKET} on Solaris. */
    private static final int SOL_SOCKET = 0xffff;
    /** {@code SO_SNDTIMEO} on Solaris. */
    private static final int SO_SNDTIMEO = 0x1005;
    /** {@code sizeof(struct timeval)} on LP64: {@code time_t tv_sec; suseconds_t tv_usec;}. */
    private static final int TIMEVAL_SIZE = 16;

    /** libsendfile's {@code sendfile} (link with -lsendfile, sendfile(3EXT)). */
    static final class Sendfile {
        static {
            Native.register(Sendfile.class, "sendfile");
        }

        private Sendfile() {
        }

        static native long sendfile(int outFd, int inFd, long[] off, long len);
    }

    /** libc's calls. */
    static final class Posix {
        static {
            Native.register(Posix.class, Platform.C_LIBRARY_NAME);
        }

        private Posix() {
        }

        static native int dup(int fd);

        static native int close(int fd);

        static native int poll(int[] fds, long nfds, int timeout);

        static native int getsockopt(int s, int level, int name, long[] value, int[] length);

        static native int setsockopt(int s, int level, int name, long[] value, int length);
    }

    @Override
    public long sendfile(int outFd, int inFd, long[] off, long len) {
        return Sendfile.sendfile(outFd, inFd, off, len);
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
        // nfds_t is unsigned long on Solaris (sys/poll.h), hence the long in the prototype.
        return Posix.poll(PollFd.of(fd, events), 1, timeoutMillis);
    }

    @Override
    public int getSendTimeout(int socket, long[] timeval) {
        return Posix.getsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, timeval, new int[] {TIMEVAL_SIZE});
    }

    @Override
    public int setSendTimeout(int socket, long seconds, long micros) {
        return Posix.setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, new long[] {seconds, micros}, TIMEVAL_SIZE);
    }
}
