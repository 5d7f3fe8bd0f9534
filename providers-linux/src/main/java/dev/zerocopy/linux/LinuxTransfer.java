package dev.zerocopy.linux;

import com.google.auto.service.AutoService;
import dev.zerocopy.Availability;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.AbstractZeroCopyTransfer;
import dev.zerocopy.spi.ChannelKind;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.FdAccess;
import dev.zerocopy.spi.FdRef;
import dev.zerocopy.spi.SocketTimeout;
import dev.zerocopy.spi.TransferContext;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The Linux provider: {@code sendfile} from files to sockets, {@code splice} (through a pooled pipe where
 * neither end is one) from sockets and pipes, and {@code copy_file_range} (then {@code sendfile}) between
 * files. Any other pair, and channels that are not the JDK's own, fall back to the portable copies.
 *
 * <p>Blocking sockets are bounded with a one-tick send or receive timeout for the duration of a transfer
 * (see {@link SocketTimeout}), so no call sleeps in the kernel for longer than a tick: {@code splice} with
 * {@code SPLICE_F_NONBLOCK} still sleeps on a blocking socket (measured), so the flag alone is not enough.
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
        try {
            Class.forName(LinuxLibc.class.getName(), true, LinuxTransfer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unusable("cannot bind the C library through JNA: " + e);
        }
        return Availability.usable("Linux " + System.getProperty("os.version") + ", fd access "
                + FdAccess.mode());
    }

    @Override
    protected long fileToChannel(FileChannel source, long position, long count, WritableByteChannel target,
            TransferContext context) throws IOException {
        ChannelKind kind = ChannelKind.of(target);
        return withDescriptors(source, target, context, (in, out) -> switch (kind) {
            case SOCKET -> sendfileToSocket(in.fd(), out.fd(), position, count, context);
            case PIPE -> run(context, "splice", SyscallStep.splice(file(in, true), pollable(out)),
                    SyscallStep.MAX_RW_COUNT, position, count);
            default -> fileToFile(file(in, true), file(out, false), position, count, context, true);
        });
    }

    @Override
    protected long channelToFile(ReadableByteChannel source, FileChannel target, long position, long count,
            TransferContext context) throws IOException {
        ChannelKind kind = ChannelKind.of(source);
        return withDescriptors(source, target, context, (in, out) -> switch (kind) {
            case SOCKET -> socketToFile(in, out, source, position, count, context);
            case PIPE -> run(context, "splice", SyscallStep.splice(pollable(in), file(out, true)),
                    SyscallStep.MAX_RW_COUNT, position, count);
            default -> fileToFile(file(in, false), file(out, true), position, count, context, false);
        });
    }

    @Override
    protected long channelToChannel(ReadableByteChannel source, WritableByteChannel target,
            TransferContext context) throws IOException {
        ChannelKind from = ChannelKind.of(source);
        ChannelKind to = ChannelKind.of(target);
        if (from == ChannelKind.FILE || to == ChannelKind.FILE) {
            return notHandled(context, from.label() + "->" + to.label() + " has no splice path");
        }
        return withDescriptors(source, target, context, (in, out) -> {
            try (SocketTimeout reads = boundIfBlocking(in.fd(), source, LinuxFds.RECEIVE_TIMEOUT);
                    SocketTimeout writes = boundIfBlocking(out.fd(), target, LinuxFds.SEND_TIMEOUT)) {
                if (from == ChannelKind.PIPE || to == ChannelKind.PIPE) {
                    return run(context, "splice", SyscallStep.splice(pollable(in), pollable(out)),
                            SyscallStep.MAX_RW_COUNT, 0, Long.MAX_VALUE);
                }
                return piped(context, pollable(in), pollable(out), 0, Long.MAX_VALUE);
            }
        });
    }

    /** What a hook does with the transfer's own duplicates of both descriptors. */
    @FunctionalInterface
    private interface WithDescriptors {
        long transfer(FdRef in, FdRef out) throws IOException;
    }

    /**
     * Takes the transfer's own reference to both channels' descriptors for the duration of {@code body};
     * not handled if either channel is not one of the JDK's file, socket or pipe channels.
     */
    private static long withDescriptors(Channel source, Channel target, TransferContext context,
            WithDescriptors body) throws IOException {
        if (ChannelKind.of(source) == ChannelKind.OTHER || ChannelKind.of(target) == ChannelKind.OTHER) {
            Channel other = ChannelKind.of(source) == ChannelKind.OTHER ? source : target;
            return notHandled(context, other.getClass().getName() + " has no file descriptor");
        }
        try (FdRef in = FdRef.acquire(source, LinuxFds.INSTANCE);
                FdRef out = FdRef.acquire(target, LinuxFds.INSTANCE)) {
            if (in == null || out == null) {
                return noDescriptor(context, in == null ? source : target);
            }
            return body.transfer(in, out);
        }
    }

    private static long socketToFile(FdRef in, FdRef out, Channel source, long position, long count,
            TransferContext context) throws IOException {
        try (SocketTimeout bounded = boundIfBlocking(in.fd(), source, LinuxFds.RECEIVE_TIMEOUT)) {
            return piped(context, pollable(in), file(out, true), position, count);
        }
    }

    private static long sendfileToSocket(int in, int out, long position, long count, TransferContext context)
            throws IOException {
        SyscallStep step = SyscallStep.sendfile(new End(in, true, false), new End(out, false, true));
        return SocketTimeout.runBounded(new CopyLoop("sendfile", step, SyscallStep.MAX_RW_COUNT),
                LinuxFds.SEND_TIMEOUT, out, position, count, step.readiness(), context);
    }

    /**
     * File to file: {@code copy_file_range}, then {@code sendfile} (only when the target is written at its
     * own position). One file of the pair is read or written at the transfer's position, the other at its
     * own position, which advances, as {@code transferTo}/{@code transferFrom} do.
     */
    private static long fileToFile(End in, End out, long position, long count, TransferContext context,
            boolean sendfileAllowed) throws IOException {
        if (LinuxFds.sameFile(in.fd(), out.fd())) {
            return notHandled(context, "source and target are the same file");
        }
        long n = CopyFileRange.AVAILABLE
                ? run(context, "copy_file_range", SyscallStep.copyFileRange(in, out), SyscallStep.MAX_RW_COUNT,
                        position, count)
                : notHandled(context, "copy_file_range: not in this C library");
        if (n != CopyLoop.NOT_HANDLED || !sendfileAllowed) {
            return n;
        }
        return run(context, "sendfile", SyscallStep.sendfile(in, out), SyscallStep.MAX_RW_COUNT, position, count);
    }

    /**
     * Two splices through a pooled pipe; the pipe goes back to the pool only if it is empty. A file target
     * is probed first with a one-byte splice from the still empty pipe: EAGAIN means the file takes
     * splices; EINVAL (O_APPEND, a file system without splice_write) or ESPIPE (a FIFO) means it does not,
     * and the pair is not handled before a byte has left the socket.
     */
    private static long piped(TransferContext context, End in, End out, long position, long count) throws IOException {
        KernelPipe pipe = PIPES.take();
        if (out.positional()) {
            long probe = LinuxLibc.splice(pipe.readFd(), null, out.fd(), new long[] {position}, 1,
                    LinuxLibc.SPLICE_F_NONBLOCK);
            Errno errno = probe < 0 ? LinuxErrno.TABLE.of(LinuxErrno.last()) : Errno.NONE;
            if (errno != Errno.EAGAIN) {
                PIPES.give(pipe, true);
                return notHandled(context, "splice: " + errno.name() + " from the target");
            }
        }
        PipedSpliceStep step = new PipedSpliceStep(in, out, pipe);
        boolean empty = false;
        try {
            long n = run(context, "splice", step, pipe.size(), position, count);
            empty = !step.holdsBytes();
            return n;
        } finally {
            PIPES.give(pipe, empty);
        }
    }

    /** Runs one kind of step through the copy loop, waiting on the end that reported EAGAIN. */
    private static long run(TransferContext context, String syscall, LinuxStep step, long maxChunk, long position,
            long count) throws IOException {
        return new CopyLoop(syscall, step, maxChunk).run(position, count, step.readiness(), context);
    }

    /**
     * Bounds a blocking socket's waits to one tick for the transfer (see {@link SocketTimeout}); nothing for
     * non-blocking channels and pipes.
     *
     * @throws IOException if the timeout of a blocking socket can be neither read nor set
     */
    private static SocketTimeout boundIfBlocking(int fd, Channel channel, SocketTimeout.Option option)
            throws IOException {
        boolean blocking = !(channel instanceof SelectableChannel selectable) || selectable.isBlocking();
        if (!blocking || ChannelKind.of(channel) != ChannelKind.SOCKET) {
            return null;
        }
        SocketTimeout bound = SocketTimeout.bound(option, fd);
        if (bound == null) {
            throw new IOException("cannot bound the socket's timeout (errno " + LinuxErrno.last() + ")");
        }
        return bound;
    }

    private static End file(FdRef ref, boolean positional) {
        return new End(ref.fd(), positional, false);
    }

    private static End pollable(FdRef ref) {
        return new End(ref.fd(), false, true);
    }

    private static long noDescriptor(TransferContext context, Channel channel) {
        return notHandled(context, "no file descriptor for " + channel.getClass().getName() + " (fd access "
                + FdAccess.mode() + ")");
    }

    private static long notHandled(TransferContext context, String reason) {
        context.notHandled(reason);
        return CopyLoop.NOT_HANDLED;
    }
}
