package dev.zerocopy.linux;

import com.google.auto.service.AutoService;
import dev.zerocopy.Availability;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.AbstractZeroCopyTransfer;
import dev.zerocopy.spi.ChannelKind;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.FdAccess;
import dev.zerocopy.spi.SocketTimeout;
import dev.zerocopy.spi.TransferContext;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The Linux provider: {@code sendfile} from files to sockets, {@code splice} (through a pooled pipe where
 * neither end is one) from sockets and pipes, and {@code copy_file_range} (then {@code sendfile}) between
 * files. Any other pair, and channels that are not the JDK's own, fall back to the portable copies.
 *
 * <p>Every call runs while the transfer holds both channels ({@link TransferContext#enter}): in the
 * JDK's own channel protocol where {@code java.base/sun.nio.ch} is open to this library, so that a call
 * that sleeps in the kernel is woken by the JDK's close and interrupt exactly as the JDK's own transfer is;
 * otherwise on duplicates of the descriptors, with a blocking socket's timeout bounded to one tick for
 * the transfer ({@link SocketTimeout}: {@code splice} with {@code SPLICE_F_NONBLOCK} still sleeps on a
 * blocking socket, measured, so the flag alone is not enough).
 */
@AutoService(ZeroCopyTransfer.class)
public final class LinuxTransfer extends AbstractZeroCopyTransfer {

    /** The provider's name. */
    public static final String NAME = "linux";

    /** One pool for all instances: {@code load(ClassLoader)} makes a provider per call. */
    private static final PipePool PIPES = new PipePool();

    /** Creates the provider; binds nothing until the first transfer or availability check. */
    public LinuxTransfer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            return Availability.unusable("not Linux: " + os);
        }
        if (!"64".equals(System.getProperty("sun.arch.data.model"))
                || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return Availability.unusable("needs a 64-bit little-endian JVM");
        }
        if (!NativeAccess.enabled(LinuxTransfer.class)) {
            return Availability.unusable("JDK " + Runtime.version().feature() + " restricts native access (JNA): run"
                    + " with --enable-native-access=ALL-UNNAMED, the manifest line Enable-Native-Access, or the"
                    + " zerocopy agent");
        }
        String binding;
        try {
            binding = Syscalls.binding();
            if (!Syscalls.foreignOnly() || !"guest".equals(FdAccess.protocol())) {
                // JNA makes the calls, or the duplicate-descriptor protocol needs its dup, poll and timeouts.
                // With both foreign calls and the JDK's protocol, JNA is never loaded.
                Class.forName(LinuxLibc.class.getName(), true, LinuxTransfer.class.getClassLoader());
                String shell = LinuxFds.INSTANCE.bindingFailure();
                if (shell != null) {
                    return Availability.unusable("cannot bind the C library through JNA: " + shell);
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unusable("cannot bind the C library: " + e);
        }
        return Availability.usable("Linux " + System.getProperty("os.version") + ", fd access "
                + FdAccess.mode() + ", calls through " + binding);
    }

    @Override
    protected long fileToChannel(FileChannel source, long position, long count, WritableByteChannel target,
            TransferContext context) throws IOException {
        ChannelKind kind = ChannelKind.of(target);
        SparseCopy.Plan sparse = kind == ChannelKind.FILE
                ? SparseCopy.plan(source, (FileChannel) target, true, position, count) : null;
        if (!context.enter(LinuxFds.INSTANCE)) {
            return noDescriptor(context, target);
        }
        try (Offsets offsets = Offsets.take()) {
            End in = new End(context.sourceFd(), true, false);
            switch (kind) {
                case SOCKET:
                    // In the guest protocol a blocking sendfile may sleep in the kernel: the JDK's close and
                    // interrupt signal it out. Otherwise the socket's send timeout is bounded to one tick for
                    // the transfer (the transfer holds the channel's write lock, so no other write sees it)
                    // and each call asks for at most DUP_BLOCKING_CHUNK, so that a slow but moving peer cannot
                    // keep one call in the kernel for long.
                    End socket = new End(context.targetFd(), false, true);
                    SyscallStep sendfile = SyscallStep.sendfile(offsets, in, socket, context);
                    if (context.guest() || context.nonBlocking()) {
                        return CopyLoop.copy("sendfile", sendfile, SyscallStep.MAX_RW_COUNT, position, count,
                                sendfile, context);
                    }
                    return SocketTimeout.runBounded(new CopyLoop("sendfile", sendfile, DUP_BLOCKING_CHUNK),
                            LinuxFds.SEND_TIMEOUT, socket.fd(), position, count, sendfile, context);
                case PIPE:
                    return run(context, SyscallStep.splice(offsets, in, new End(context.targetFd(), false, true),
                            context), SyscallStep.MAX_RW_COUNT, position, count);
                default:
                    return fileToFile(offsets, sparse, in, new End(context.targetFd(), false, false), position,
                            count, context, true);
            }
        }
    }

    @Override
    protected long channelToFile(ReadableByteChannel source, FileChannel target, long position, long count,
            TransferContext context) throws IOException {
        ChannelKind kind = ChannelKind.of(source);
        SparseCopy.Plan sparse = kind == ChannelKind.FILE
                ? SparseCopy.plan((FileChannel) source, target, false, position, count) : null;
        if (!context.enter(LinuxFds.INSTANCE)) {
            return noDescriptor(context, source);
        }
        try (Offsets offsets = Offsets.take()) {
            End out = new End(context.targetFd(), true, false);
            switch (kind) {
                case SOCKET:
                    return piped(offsets, context, new End(context.sourceFd(), false, true), out, position, count,
                            LinuxFds.RECEIVE_TIMEOUT);
                case PIPE:
                    return run(context, SyscallStep.splice(offsets, new End(context.sourceFd(), false, true), out,
                            context), SyscallStep.MAX_RW_COUNT, position, count);
                default:
                    return fileToFile(offsets, sparse, new End(context.sourceFd(), false, false), out, position,
                            count, context, false);
            }
        }
    }

    @Override
    protected long channelToChannel(ReadableByteChannel source, WritableByteChannel target,
            TransferContext context) throws IOException {
        ChannelKind from = ChannelKind.of(source);
        ChannelKind to = ChannelKind.of(target);
        if (from == ChannelKind.FILE || to == ChannelKind.FILE) {
            return context.notHandled(from.label() + "->" + to.label() + " has no splice path");
        }
        if (!context.enter(LinuxFds.INSTANCE)) {
            return noDescriptor(context, from == ChannelKind.OTHER ? source : target);
        }
        End in = new End(context.sourceFd(), false, true);
        End out = new End(context.targetFd(), false, true);
        try (Offsets offsets = Offsets.take()) {
            if (from == ChannelKind.PIPE || to == ChannelKind.PIPE) {
                try (SocketTimeout reads = boundIfBlocking(in.fd(), source, LinuxFds.RECEIVE_TIMEOUT, context);
                        SocketTimeout writes = boundIfBlocking(out.fd(), target, LinuxFds.SEND_TIMEOUT, context)) {
                    if (reads == UNBOUNDED || writes == UNBOUNDED) {
                        return cannotBound(context);
                    }
                    // A blocking socket's receive or send inside splice holds the pipe's lock while it sleeps
                    // (in the guest protocol a virtual thread's socket is non-blocking underneath, as the JDK
                    // made it, and never sleeps there).
                    SyscallStep splice = SyscallStep.splice(offsets, in, out, context);
                    if (!context.nonBlocking() && !(context.guest() && TransferContext.onVirtualThread())) {
                        if (from == ChannelKind.SOCKET) {
                            splice.sourceReadyFirst();
                        } else if (to == ChannelKind.SOCKET) {
                            splice.targetRoomFirst();
                        }
                    }
                    return run(context, splice, SyscallStep.MAX_RW_COUNT, 0, Long.MAX_VALUE);
                }
            }
            try (SocketTimeout writes = boundIfBlocking(out.fd(), target, LinuxFds.SEND_TIMEOUT, context)) {
                return writes == UNBOUNDED ? cannotBound(context)
                        : piped(offsets, context, in, out, 0, Long.MAX_VALUE, LinuxFds.RECEIVE_TIMEOUT);
            }
        }
    }

    /**
     * The one policy where a blocking socket's timeout can be neither read nor set outside the guest
     * protocol: a call could sleep without bound, so the pair is not handled (nothing has moved yet).
     */
    private static long cannotBound(TransferContext context) {
        return context.notHandled("cannot bound the blocking socket's timeout (errno " + LinuxErrno.last() + ")");
    }

    /**
     * The most one call asks for on a blocking socket held without the guest protocol: with a one-tick
     * socket timeout per internal chunk, a call then returns within a few ticks even from a peer that
     * drains slowly, and the loop observes closes and interrupts between calls.
     */
    static final long DUP_BLOCKING_CHUNK = 256 * 1024;

    /**
     * File to file: {@code copy_file_range}, then {@code sendfile} (only when the target is written at its
     * own position). One file of the pair is read or written at the transfer's position, the other at its
     * own position, which advances, as {@code transferTo}/{@code transferFrom} do. Two channels on one file
     * are left to the JDK, whose result for overlapping ranges is the contract; the check costs two
     * {@code stat} calls and is only made when {@code copy_file_range} is not available or declines.
     */
    private static long fileToFile(Offsets offsets, SparseCopy.Plan sparse, End in, End out, long position,
            long count, TransferContext context, boolean sendfileAllowed) throws IOException {
        if (sparse != null) {
            long copied = SparseCopy.copy(sparse, offsets, in, out, context);
            if (copied != CopyLoop.NOT_HANDLED) {
                return copied;
            }
        }
        if (Syscalls.COPY_FILE_RANGE_AVAILABLE && !copyFileRangeMissing) {
            long n = run(context, SyscallStep.copyFileRange(offsets, in, out, context), SyscallStep.MAX_RW_COUNT,
                    position, count);
            if (n != CopyLoop.NOT_HANDLED) {
                return n;
            }
            if (LinuxErrno.TABLE.of(Syscalls.errno(offsets)) == Errno.ENOSYS) {
                copyFileRangeMissing = true;        // the kernel lacks it: never ask again, as the JDK does
            }
        } else {
            context.notHandled("copy_file_range: not in this C library or kernel");
        }
        if (!sendfileAllowed || LinuxFds.sameFile(in.fd(), out.fd())) {
            return sendfileAllowed ? context.notHandled("source and target are the same file") : CopyLoop.NOT_HANDLED;
        }
        return run(context, SyscallStep.sendfile(offsets, in, out, context), SyscallStep.MAX_RW_COUNT, position,
                count);
    }

    /** Set once {@code copy_file_range} reported ENOSYS. */
    private static volatile boolean copyFileRangeMissing;

    /**
     * Two splices through a pooled pipe; the pipe goes back to the pool only if it is empty. A file target
     * is probed first with a one-byte splice from the still empty pipe: EAGAIN means the file takes
     * splices; EINVAL (O_APPEND, a file system without splice_write) or ESPIPE (a FIFO) means it does not,
     * and the pair is not handled before a byte has left the socket. Outside the guest protocol a blocking
     * socket source is read with a one-tick receive timeout.
     */
    private static long piped(Offsets offsets, TransferContext context, End in, End out, long position,
            long count, SocketTimeout.Option receiveTimeout) throws IOException {
        KernelPipe pipe = PIPES.take();
        if (out.positional()) {
            long probe = Syscalls.splice(offsets, pipe.readFd(), 0, out.fd(), offsets.out(out, position), 1,
                    LinuxLibc.SPLICE_F_NONBLOCK);
            Errno errno = probe < 0 ? LinuxErrno.TABLE.of(Syscalls.errno(offsets)) : Errno.NONE;
            if (errno != Errno.EAGAIN) {
                PIPES.give(pipe, true);
                return context.notHandled("splice: " + errno.name() + " from the target");
            }
        }
        PipedSpliceStep step = new PipedSpliceStep(offsets, in, out, pipe, context);
        boolean empty = true;
        try (SocketTimeout reads = boundIfBlocking(in.fd(), context, receiveTimeout)) {
            if (reads == UNBOUNDED) {
                return cannotBound(context);
            }
            empty = false;
            long n = run(context, step, pipe.size(), position, count);
            empty = !step.holdsBytes();
            return n;
        } finally {
            PIPES.give(pipe, empty);
        }
    }

    /** Runs one kind of step through the copy loop, waiting on the end that reported EAGAIN. */
    private static long run(TransferContext context, LinuxStep step, long maxChunk, long position, long count)
            throws IOException {
        return CopyLoop.copy(step.syscall(), step, maxChunk, position, count, step.readiness(), context);
    }

    /** {@link #boundIfBlocking(int, Channel, SocketTimeout.Option, TransferContext)} for a source socket. */
    private static SocketTimeout boundIfBlocking(int fd, TransferContext context, SocketTimeout.Option option) {
        return context.guest() || context.nonBlocking() ? null : bound(fd, option);
    }

    /**
     * Outside the guest protocol, bounds a blocking socket's waits to one tick for the transfer (see
     * {@link SocketTimeout}); nothing for non-blocking channels, pipes, or in the guest protocol.
     *
     * @return the bound to close at the end, {@code null} if none is needed, {@link #UNBOUNDED} if the
     *         timeout of a blocking socket can be neither read nor set
     */
    private static SocketTimeout boundIfBlocking(int fd, Channel channel, SocketTimeout.Option option,
            TransferContext context) {
        if (context.guest() || context.nonBlocking() || ChannelKind.of(channel) != ChannelKind.SOCKET) {
            return null;
        }
        return bound(fd, option);
    }

    private static SocketTimeout bound(int fd, SocketTimeout.Option option) {
        SocketTimeout bound = SocketTimeout.bound(option, fd);
        return bound == null ? UNBOUNDED : bound;
    }

    /** Stands for a blocking socket whose timeout could not be bounded; closing it does nothing. */
    private static final SocketTimeout UNBOUNDED = SocketTimeout.unchanged();

    private static long noDescriptor(TransferContext context, Channel channel) {
        return context.notHandled("no file descriptor for " + channel.getClass().getName() + " (fd access "
                + FdAccess.mode() + ")");
    }
}
