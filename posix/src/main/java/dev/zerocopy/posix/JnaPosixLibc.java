package dev.zerocopy.posix;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.zerocopy.spi.PollFd;

/**
 * {@link PosixLibc} through JNA direct mapping on the C library of one {@link PosixSystem}, whose
 * constants it uses. A provider extends it with its system's copy calls, each in a holder class of its own
 * ({@link NativeBinding}). The calls here are registered the first time one is made (or
 * {@link #bindingFailure()} is asked), never when an instance is created.
 *
 * <p>Prototypes: the calls are declared once for every system. {@code poll}'s {@code nfds_t} is an
 * {@code unsigned long} on Linux and Solaris and an {@code unsigned int} on FreeBSD and macOS; it is passed
 * as a Java {@code long}, which on the LP64 calling conventions zerocopy runs on (x86-64 System V, AArch64)
 * travels in a full register of which an {@code unsigned int} parameter reads the low half. No call here is
 * variadic: {@code fcntl} is declared without its optional third argument, since AArch64 macOS passes
 * variadic arguments on the stack.
 */
public class JnaPosixLibc implements PosixLibc {

    /** {@code sizeof(struct timeval)} on LP64 (macOS: {@code long tv_sec; int tv_usec;} and padding). */
    private static final int TIMEVAL_SIZE = 16;

    /** The direct-mapped calls; JNA registers them when the class is initialised. */
    static final class Calls {
        static {
            Native.register(Calls.class, Platform.C_LIBRARY_NAME);
        }

        private Calls() {
        }

        static native int dup(int fd);

        static native int close(int fd);

        static native int poll(int[] fds, long nfds, int timeout);

        static native int fcntl(int fd, int cmd);

        static native long lseek(int fd, long offset, int whence);

        static native int getsockopt(int s, int level, int name, long[] value, int[] length);

        static native int setsockopt(int s, int level, int name, long[] value, int length);
    }

    private static final NativeBinding CALLS = new NativeBinding(Calls.class);

    private final PosixSystem system;
    private final NativeBinding[] required;

    /**
     * Creates the library of a system; binds nothing.
     *
     * @param system   the system whose constants the calls use
     * @param required the holders of a provider's own calls that {@link #bindingFailure()} must bind too
     *                 (its copy calls; not the optional ones, which it asks for when it needs them)
     */
    public JnaPosixLibc(PosixSystem system, NativeBinding... required) {
        this.system = system;
        this.required = required.clone();
    }

    /**
     * Returns the system whose constants the calls use.
     *
     * @return the system
     */
    public final PosixSystem system() {
        return system;
    }

    /**
     * Binds the shared calls, then the provider's required holders, and returns the first failure.
     *
     * @return {@code null} if all are bound, else the first reason
     */
    @Override
    public final String bindingFailure() {
        String failure = CALLS.failure();
        for (int i = 0; failure == null && i < required.length; i++) {
            failure = required[i].failure();
        }
        return failure;
    }

    /**
     * {@code dup(2)}. A system with a variadic-safe {@code fcntl} may override it with
     * {@code F_DUPFD_CLOEXEC}, so that a process forked meanwhile does not inherit the duplicate.
     *
     * @param fd the descriptor
     * @return the new descriptor, or {@code -1}
     */
    @Override
    public int dup(int fd) {
        return Calls.dup(fd);
    }

    @Override
    public final int close(int fd) {
        return Calls.close(fd);
    }

    @Override
    public final int errno() {
        return Native.getLastError();
    }

    @Override
    public final int poll(int fd, short events, int timeoutMillis) {
        return Calls.poll(PollFd.of(fd, events), 1, timeoutMillis);
    }

    /**
     * {@code int fcntl(int fd, int cmd)}, for commands without an argument, such as {@code F_GETFL}.
     *
     * @param fd  the descriptor
     * @param cmd the command, in the system's numbering
     * @return the command's result, or {@code -1}
     */
    @Override
    public final long seek(int fd, long offset) {
        return Calls.lseek(fd, offset, 0);     // SEEK_SET is 0 on every supported system
    }

    public final int fcntl(int fd, int cmd) {
        return Calls.fcntl(fd, cmd);
    }

    @Override
    public final int getSendTimeout(int socket, long[] timeval) {
        return getTimeout(socket, system.soSndTimeo(), timeval);
    }

    @Override
    public final int setSendTimeout(int socket, long seconds, long micros) {
        return setTimeout(socket, system.soSndTimeo(), seconds, micros);
    }

    /**
     * {@code getsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeval, &len)}.
     *
     * @param socket  the socket
     * @param timeval receives {@code tv_sec} at index 0 and {@code tv_usec} at index 1
     * @return 0, or {@code -1}
     */
    public final int getReceiveTimeout(int socket, long[] timeval) {
        return getTimeout(socket, system.soRcvTimeo(), timeval);
    }

    /**
     * {@code setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeval, sizeof timeval)}.
     *
     * @param socket  the socket
     * @param seconds {@code tv_sec}
     * @param micros  {@code tv_usec}, below one million
     * @return 0, or {@code -1}
     */
    public final int setReceiveTimeout(int socket, long seconds, long micros) {
        return setTimeout(socket, system.soRcvTimeo(), seconds, micros);
    }

    private int getTimeout(int socket, int option, long[] timeval) {
        long[] value = new long[2];
        int r = Calls.getsockopt(socket, system.solSocket(), option, value, new int[] {TIMEVAL_SIZE});
        timeval[0] = value[0];
        // tv_usec is below one million: on little-endian LP64 (amd64, arm64) macOS's 4-byte tv_usec is the
        // low half of the second long and its padding is not read; a long tv_usec is unchanged.
        timeval[1] = value[1] & 0xffffffffL;
        return r;
    }

    private int setTimeout(int socket, int option, long seconds, long micros) {
        return Calls.setsockopt(socket, system.solSocket(), option, new long[] {seconds, micros}, TIMEVAL_SIZE);
    }
}
