package dev.zerocopy.emulated;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.posix.PosixLibc;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * The common part of the emulated kernels: another operating system's C library implemented on real
 * Linux descriptors. Bytes really move (Linux {@code sendfile}/{@code copy_file_range} on the
 * descriptors the provider passes); each subclass reports them with its system's conventions and error
 * numbers, and applies a {@link FaultPlan}. Blocking sockets behave as on the emulated systems: a call
 * into a full blocking socket sleeps in the Linux kernel until the peer reads, until {@code SO_SNDTIMEO}
 * expires (then EAGAIN with the bytes sent, as FreeBSD's {@code sbwait} and xnu's do), or until a signal
 * arrives (then EINTR with the bytes sent), such as the one the JDK sends a thread registered with a
 * channel that another thread closes.
 *
 * <p>It also keeps the statistics tests assert on: copy calls, bytes moved, requests for "until end of
 * file" (a count of 0), descriptors duplicated and not yet closed.
 */
public abstract class EmulatedKernel implements PosixLibc {

    private final ToIntFunction<Errno> numbers;
    private final ThreadLocal<int[]> errno = ThreadLocal.withInitial(() -> new int[1]);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong moved = new AtomicLong();
    private final AtomicInteger toEndRequests = new AtomicInteger();
    private final AtomicInteger openDuplicates = new AtomicInteger();
    private final CountDownLatch reportedAgain = new CountDownLatch(1);
    private final AtomicInteger inHostSendfile = new AtomicInteger();
    private volatile FaultPlan plan;

    /**
     * Creates a kernel.
     *
     * @param numbers the emulated system's error number of each name
     * @param plan    the faults to inject
     */
    protected EmulatedKernel(ToIntFunction<Errno> numbers, FaultPlan plan) {
        this.numbers = numbers;
        this.plan = plan;
    }

    /**
     * Returns the emulated system's name.
     *
     * @return the name, such as {@code "FreeBSD"}
     */
    public abstract String os();

    /**
     * Returns the provider under test, bound to this kernel.
     *
     * @return a new provider
     */
    public abstract ZeroCopyTransfer provider();

    /**
     * Replaces the fault plan; call indexes keep counting.
     *
     * @param plan the plan
     */
    public void plan(FaultPlan plan) {
        this.plan = plan;
    }

    /**
     * Returns how many copy calls were made.
     *
     * @return the count
     */
    public int calls() {
        return calls.get();
    }

    /**
     * Returns the bytes the copy calls moved.
     *
     * @return the bytes
     */
    public long moved() {
        return moved.get();
    }

    /**
     * Returns how many calls asked for "until end of file" (a count of 0), which a provider must never do.
     *
     * @return the count
     */
    public int toEndRequests() {
        return toEndRequests.get();
    }

    /**
     * Returns the descriptors duplicated through this kernel and not closed yet.
     *
     * @return the count
     */
    public int openDuplicates() {
        return openDuplicates.get();
    }

    /**
     * Asserts what every test expects of the kernel afterwards: no duplicated descriptor left open, and no
     * call that asked for "until end of file", which a provider must never do.
     */
    public void assertClean() {
        if (openDuplicates() != 0 || toEndRequests() != 0) {
            throw new AssertionError(openDuplicates() + " duplicated descriptors left open, " + toEndRequests()
                    + " calls that asked for 'until end of file'; expected none");
        }
    }

    /**
     * Waits until a transfer into {@code socket} is stalled by a full socket buffer: a copy call has
     * reported EAGAIN (the socket's send timeout expired, or it is non-blocking), or a Linux
     * {@code sendfile} is in progress while the socket takes no more bytes ({@code poll} does not report
     * it writable), so that the call sleeps in the kernel. The condition is polled every millisecond: the
     * kernel signals neither.
     *
     * @param socket the socket the transfer writes into
     * @throws InterruptedException if interrupted
     */
    public void awaitStalled(int socket) throws InterruptedException {
        while (reportedAgain.getCount() > 0
                && (inHostSendfile.get() == 0 || LinuxHost.LIBC.poll(socket, Readiness.POLLOUT, 0) != 0)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    // ---- the calls every emulated C library has ----

    /**
     * {@code dup(2)}.
     *
     * @param fd the descriptor
     * @return the duplicate or {@code -1}
     */
    @Override
    public int dup(int fd) {
        int r = LinuxHost.LIBC.dup(fd);
        if (r < 0) {
            return hostFailure();
        }
        openDuplicates.incrementAndGet();
        return r;
    }

    /**
     * {@code close(2)}.
     *
     * @param fd the descriptor
     * @return 0 or {@code -1}
     */
    @Override
    public int close(int fd) {
        if (LinuxHost.LIBC.close(fd) != 0) {
            return hostFailure();
        }
        openDuplicates.decrementAndGet();
        return 0;
    }

    /**
     * {@code lseek(fd, offset, SEEK_SET)}.
     *
     * @param fd     the descriptor
     * @param offset the new position
     * @return the new position or {@code -1}
     */
    @Override
    public long seek(int fd, long offset) {
        long r = LinuxHost.LIBC.seek(fd, offset);
        return r < 0 ? hostFailure() : r;
    }

    /**
     * The calling thread's errno, in the emulated system's numbering.
     *
     * @return the number
     */
    @Override
    public int errno() {
        return errno.get()[0];
    }

    /**
     * {@code poll(2)} on one descriptor.
     *
     * @param fd            the descriptor
     * @param events        the events
     * @param timeoutMillis the timeout
     * @return the ready count or {@code -1}
     */
    @Override
    public int poll(int fd, short events, int timeoutMillis) {
        int r = LinuxHost.LIBC.poll(fd, events, timeoutMillis);
        return r < 0 ? hostFailure() : r;
    }

    /**
     * {@code getsockopt(SO_SNDTIMEO)}, stored on the real socket.
     *
     * @param socket  the socket
     * @param timeval receives seconds and microseconds
     * @return 0 or {@code -1}
     */
    @Override
    public int getSendTimeout(int socket, long[] timeval) {
        return LinuxHost.LIBC.getSendTimeout(socket, timeval) != 0 ? hostFailure() : 0;
    }

    /**
     * {@code setsockopt(SO_SNDTIMEO)}, stored on the real socket (Linux's {@code sendfile} honours it).
     *
     * @param socket  the socket
     * @param seconds seconds
     * @param micros  microseconds
     * @return 0 or {@code -1}
     */
    @Override
    public int setSendTimeout(int socket, long seconds, long micros) {
        return LinuxHost.LIBC.setSendTimeout(socket, seconds, micros) != 0 ? hostFailure() : 0;
    }

    // ---- helpers for the subclasses ----

    /** What really happened to the bytes of one emulated call. */
    protected record Outcome(long bytes, Errno error) {
    }

    /**
     * Starts a copy call: counts it and asks the plan.
     *
     * @param requested the bytes asked (0: until end of file)
     * @return the injection
     */
    protected final FaultPlan.Injection begin(long requested) {
        if (requested == 0) {
            toEndRequests.incrementAndGet();
        }
        return plan.at(calls.getAndIncrement(), requested, moved.get());
    }

    /**
     * Fails the current call.
     *
     * @param error the error
     * @return {@code -1}
     */
    protected final int fail(Errno error) {
        errno.get()[0] = numbers.applyAsInt(error);
        if (error == Errno.EAGAIN) {
            reportedAgain.countDown();
        }
        return -1;
    }

    /**
     * Fails the current call with a raw number of the emulated system.
     *
     * @param number the number
     * @return {@code -1}
     */
    protected final int failNumber(int number) {
        errno.get()[0] = number;
        return -1;
    }

    private int hostFailure() {
        return fail(Errno.Table.LINUX.of(LinuxHost.errno()));
    }

    /** The most bytes one Linux call moves (MAX_RW_COUNT, read_write.c). */
    private static final long MAX_HOST_COUNT = 0x7ffff000L;

    /** One Linux call that moves at most {@code count} bytes and advances its own offsets. */
    @FunctionalInterface
    private interface HostCall {
        long move(long count);
    }

    /** Repeats a host call until the count, the end of the input (0), or an error. */
    private Outcome repeat(HostCall call, long count) {
        long done = 0;
        Errno error = Errno.NONE;
        while (done < count) {
            long n = call.move(Math.min(count - done, MAX_HOST_COUNT));
            if (n <= 0) {
                error = n == 0 ? Errno.NONE : Errno.Table.LINUX.of(LinuxHost.errno());
                break;
            }
            done += n;
        }
        moved.addAndGet(done);
        return new Outcome(done, error);
    }

    /**
     * Moves up to {@code count} bytes of a file from {@code offset} into a socket with Linux
     * {@code sendfile}, repeating until the count, the end of the file, an error, or a call that Linux
     * cut short before the end of the file. Linux returns such a short count, like the emulated systems'
     * {@code sendfile} return -1 with the bytes sent, when the socket's buffer is full and the socket is
     * non-blocking or its {@code SO_SNDTIMEO} expired (reported as EAGAIN), or when a signal interrupted
     * the call (EINTR; Linux returns -1 EINTR itself when nothing was sent). A blocking socket without a
     * send timeout stops short only for a signal; with one, a signal cannot be told from the timeout and is
     * reported as EAGAIN, which a copy loop after progress repeats just the same.
     *
     * @param file   the file
     * @param socket the socket
     * @param offset the offset
     * @param count  the most bytes
     * @return the bytes moved and the error that stopped the moving, {@link Errno#NONE} at count or EOF
     */
    protected final Outcome sendfile(int file, int socket, long offset, long count) {
        long[] position = {offset};
        long done = 0;
        Errno error = Errno.NONE;
        while (done < count) {
            long asked = Math.min(count - done, MAX_HOST_COUNT);
            long n;
            inHostSendfile.incrementAndGet();
            try {
                n = LinuxHost.sendfile(socket, file, position, asked);
            } finally {
                inHostSendfile.decrementAndGet();
            }
            if (n <= 0) {
                error = n == 0 ? Errno.NONE : Errno.Table.LINUX.of(LinuxHost.errno());
                break;
            }
            done += n;
            if (n < asked && position[0] < size(file)) {
                error = bufferFullOrSignal(socket);
                break;
            }
        }
        moved.addAndGet(done);
        if (error == Errno.EAGAIN) {
            reportedAgain.countDown();
        }
        return new Outcome(done, error);
    }

    /** Why Linux cut a {@code sendfile} into this socket short before the end of the file. */
    private static Errno bufferFullOrSignal(int socket) {
        long[] timeout = new long[2];
        boolean timed = LinuxHost.LIBC.getSendTimeout(socket, timeout) == 0 && (timeout[0] > 0 || timeout[1] > 0);
        return timed || LinuxHost.isNonBlocking(socket) ? Errno.EAGAIN : Errno.EINTR;
    }

    /**
     * Copies up to {@code count} bytes between files with Linux {@code copy_file_range}.
     *
     * @param in        the file read
     * @param inOffset  its offset
     * @param out       the file written
     * @param outOffset its offset
     * @param count     the most bytes
     * @return the bytes moved and the error that stopped the copy
     */
    protected final Outcome copyFileRange(int in, long inOffset, int out, long outOffset, long count) {
        long[] inPosition = {inOffset};
        long[] outPosition = {outOffset};
        return repeat(n -> LinuxHost.copy_file_range(in, inPosition, out, outPosition, n, 0), count);
    }

    /**
     * Tells whether a descriptor is a stream socket.
     *
     * @param fd the descriptor
     * @return whether it is
     */
    protected static boolean isStreamSocket(int fd) {
        return LinuxHost.isStreamSocket(fd);
    }

    /**
     * Tells whether a descriptor is a regular file.
     *
     * @param fd the descriptor
     * @return whether it is
     */
    protected static boolean isRegularFile(int fd) {
        return Files.isRegularFile(Path.of("/proc/self/fd/" + fd));
    }

    /**
     * Returns a regular file's size.
     *
     * @param fd the descriptor
     * @return the size
     */
    protected static long size(int fd) {
        try {
            return Files.size(Path.of("/proc/self/fd/" + fd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells whether a descriptor was opened for appending.
     *
     * @param fd the descriptor
     * @return whether O_APPEND is set
     */
    protected static boolean isAppend(int fd) {
        int flags = LinuxHost.LIBC.fcntl(fd, LinuxHost.F_GETFL);
        return flags != -1 && (flags & LinuxHost.O_APPEND) != 0;
    }
}
