package dev.zerocopy.spi;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableCopies;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * The base of every provider: implements {@link ZeroCopyTransfer}'s contract (argument checks, closed
 * and non-readable/non-writable channels, blocking mode, positions, the JFR event, and the fallback to
 * the portable copies) around three hooks in which a provider only chooses its system calls and runs
 * them through a {@link CopyLoop}. A hook returns {@link CopyLoop#NOT_HANDLED} (after recording why with
 * {@link TransferContext#notHandled(String)}) when it does not handle a pair; the JDK's own transfer or a
 * buffer loop then does the work.
 *
 * <p>Hooks are called only with open channels, a positive count and, for a selectable channel, its
 * {@link SelectableChannel#blockingLock() blocking lock} held so that its mode cannot change.
 */
public abstract class AbstractZeroCopyTransfer implements ZeroCopyTransfer {

    /** Constructor for subclasses; it must stay cheap: providers are instantiated to be listed. */
    protected AbstractZeroCopyTransfer() {
    }

    /**
     * Moves up to {@code count} bytes from a file to a channel.
     *
     * @param source   the file, open and readable
     * @param position the first position to read
     * @param count    the most bytes, at least 1
     * @param target   the channel, open
     * @param context  the transfer's context
     * @return the bytes transferred, or {@link CopyLoop#NOT_HANDLED}
     * @throws IOException on failure
     */
    protected long fileToChannel(FileChannel source, long position, long count, WritableByteChannel target,
            TransferContext context) throws IOException {
        return CopyLoop.NOT_HANDLED;
    }

    /**
     * Moves up to {@code count} bytes from a channel into a file at {@code position}, which may lie
     * beyond the file's end.
     *
     * @param source   the channel, open
     * @param target   the file, open and writable
     * @param position the first position to write
     * @param count    the most bytes, at least 1
     * @param context  the transfer's context
     * @return the bytes transferred, or {@link CopyLoop#NOT_HANDLED}
     * @throws IOException on failure
     */
    protected long channelToFile(ReadableByteChannel source, FileChannel target, long position, long count,
            TransferContext context) throws IOException {
        return CopyLoop.NOT_HANDLED;
    }

    /**
     * Moves bytes from one non-file channel to another until the source ends (or, in non-blocking mode,
     * until no more can move without blocking).
     *
     * @param source  the channel read from, open
     * @param target  the channel written to, open
     * @param context the transfer's context
     * @return the bytes transferred, or {@link CopyLoop#NOT_HANDLED}
     * @throws IOException on failure
     */
    protected long channelToChannel(ReadableByteChannel source, WritableByteChannel target,
            TransferContext context) throws IOException {
        return CopyLoop.NOT_HANDLED;
    }

    @Override
    public final long transfer(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        long bounded = JdkTransferRules.transferTo(source, position, count, target);
        if (bounded == 0) {
            return 0;
        }
        return withModeFixed(target, nonBlocking -> routed(source, target, nonBlocking,
                context -> fileToChannel(source, position, bounded, target, context),
                context -> PortableCopies.fileToChannel(source, position, bounded, target, context)));
    }

    @Override
    public final long transfer(ReadableByteChannel source, FileChannel target, long position, long count)
            throws IOException {
        long bounded = JdkTransferRules.transferFrom(source, target, position, count);
        if (bounded == 0) {
            return 0;
        }
        return intoFile(source, target, position, bounded);
    }

    @Override
    public final long transfer(ReadableByteChannel source, WritableByteChannel target) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        requireOpen(source, target);
        if (source instanceof FileChannel file) {
            requireReadable(file);
            return advancing(file, position -> transfer(file, position, Long.MAX_VALUE - position, target));
        }
        requireWritable(target);
        if (!JdkTransferRules.streamable(source, target)) {
            return 0;
        }
        if (target instanceof FileChannel file) {
            return advancing(file, position -> intoFile(source, file, position, Long.MAX_VALUE - position));
        }
        return routed(source, target, isNonBlocking(source) || isNonBlocking(target),
                context -> channelToChannel(source, target, context),
                context -> PortableCopies.channelToChannel(source, target, context));
    }

    private long intoFile(ReadableByteChannel source, FileChannel target, long position, long count)
            throws IOException {
        return withModeFixed(source, nonBlocking -> routed(source, target, nonBlocking,
                context -> channelToFile(source, target, position, count, context),
                context -> PortableCopies.channelToFile(source, target, position, count, context)));
    }

    /** Runs the provider's hook, and the portable copy if the hook did not handle the pair; one event. */
    private long routed(Channel source, Channel target, boolean nonBlocking, Route hook, Route fallback)
            throws IOException {
        TransferContext context = new TransferContext(name(), source, target, nonBlocking);
        long n = hook.run(context);
        if (n == CopyLoop.NOT_HANDLED) {
            n = fallback.run(context);
        }
        context.finish(n);
        return n;
    }

    /** One way to move the bytes of a transfer. */
    @FunctionalInterface
    private interface Route {
        long run(TransferContext context) throws IOException;
    }

    /** A transfer that starts at a file position. */
    @FunctionalInterface
    private interface Positioned {
        long from(long position) throws IOException;
    }

    /** A transfer that needs to know whether the caller's channel is non-blocking. */
    @FunctionalInterface
    private interface ModeDependent {
        long run(boolean nonBlocking) throws IOException;
    }

    /** Runs at the file's position and advances it by what moved, also when the transfer fails midway. */
    private static long advancing(FileChannel file, Positioned transfer) throws IOException {
        long start = file.position();
        long n;
        try {
            n = transfer.from(start);
        } catch (IOException e) {
            if (e instanceof PartialTransfer partial && file.isOpen()) {
                file.position(start + partial.bytesTransferred());
            }
            throw e;
        }
        file.position(start + n);
        return n;
    }

    /** Holds a selectable channel's blocking lock, as the JDK's transferTo does, so its mode stays fixed. */
    private static long withModeFixed(Channel channel, ModeDependent transfer) throws IOException {
        if (channel instanceof SelectableChannel selectable) {
            synchronized (selectable.blockingLock()) {
                return transfer.run(!selectable.isBlocking());
            }
        }
        return transfer.run(false);
    }

    private static boolean isNonBlocking(Channel channel) {
        return channel instanceof SelectableChannel selectable && !selectable.isBlocking();
    }

    private static void requireOpen(Channel source, Channel target) throws ClosedChannelException {
        if (!source.isOpen() || !target.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private static void requireReadable(Channel source) {
        if (source instanceof FileChannel file && !JdkTransferRules.readable(file)) {
            throw new NonReadableChannelException();
        }
    }

    private static void requireWritable(Channel target) {
        if (target instanceof FileChannel file && !JdkTransferRules.writable(file)) {
            throw new NonWritableChannelException();
        }
    }
}
