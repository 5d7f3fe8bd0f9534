package dev.zerocopy.spi;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
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
 * <p>Hooks are called only with open channels and a positive count. A hook that issues system calls on
 * the channels' descriptors first {@linkplain TransferContext#enter(FdOps) enters} both channels (which
 * registers the transfer with them as the JDK's own I/O does, fixes their blocking mode and excludes other
 * threads' reads or writes); the base class leaves them when the hook returns or throws, before any
 * fallback runs. No monitor is held during a transfer.
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
        TransferContext context = TransferContext.take();
        try {
            long bounded = JdkTransferRules.transferTo(source, position, count, target, context);
            if (bounded == 0) {
                return 0;
            }
            try {
                return routed(context, Route.FILE_TO_CHANNEL, source, target, position, bounded);
            } catch (IOException e) {
                // A socket that cannot send where the JDK would have sent nothing: a file that shrank since
                // its size was last read (the read is skipped for sockets), or one whose size reads as zero.
                if (JdkTransferRules.refusedBySocketBeforeAnyByte(e, source, target)
                        && JdkTransferRules.nothingToSend(source, position)) {
                    return 0;
                }
                throw JdkTransferRules.refusedByShutDownOutput(e, source, target);
            }
        } finally {
            context.release();
        }
    }

    @Override
    public final long transfer(ReadableByteChannel source, FileChannel target, long position, long count)
            throws IOException {
        long bounded = JdkTransferRules.transferFrom(source, target, position, count);
        if (bounded == 0) {
            return 0;
        }
        return routed(Route.CHANNEL_TO_FILE, source, target, position, bounded);
    }

    @Override
    public final long transfer(ReadableByteChannel source, WritableByteChannel target) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        requireOpen(source, target);
        if (source instanceof FileChannel file) {
            requireReadable(file);
        }
        requireWritable(target);
        if (source instanceof FileChannel file) {
            return advancing(file, target, true);
        }
        if (!JdkTransferRules.streamable(source, target)) {
            return 0;
        }
        if (target instanceof FileChannel file) {
            return advancing(file, source, false);
        }
        return routed(Route.CHANNEL_TO_CHANNEL, source, target, 0, Long.MAX_VALUE);
    }

    /** The three kinds of transfer: the provider's hook for each, and the portable copy behind it. */
    private enum Route {
        FILE_TO_CHANNEL {
            @Override
            long hook(AbstractZeroCopyTransfer provider, Channel source, Channel target, long position, long count,
                    TransferContext context) throws IOException {
                return provider.fileToChannel((FileChannel) source, position, count, (WritableByteChannel) target,
                        context);
            }

            @Override
            long fallback(Channel source, Channel target, long position, long count, TransferContext context)
                    throws IOException {
                return PortableCopies.fileToChannel((FileChannel) source, position, count,
                        (WritableByteChannel) target, context);
            }
        },
        CHANNEL_TO_FILE {
            @Override
            long hook(AbstractZeroCopyTransfer provider, Channel source, Channel target, long position, long count,
                    TransferContext context) throws IOException {
                return provider.channelToFile((ReadableByteChannel) source, (FileChannel) target, position, count,
                        context);
            }

            @Override
            long fallback(Channel source, Channel target, long position, long count, TransferContext context)
                    throws IOException {
                return PortableCopies.channelToFile((ReadableByteChannel) source, (FileChannel) target, position,
                        count, context);
            }
        },
        CHANNEL_TO_CHANNEL {
            @Override
            long hook(AbstractZeroCopyTransfer provider, Channel source, Channel target, long position, long count,
                    TransferContext context) throws IOException {
                return provider.channelToChannel((ReadableByteChannel) source, (WritableByteChannel) target, context);
            }

            @Override
            long fallback(Channel source, Channel target, long position, long count, TransferContext context)
                    throws IOException {
                return PortableCopies.channelToChannel((ReadableByteChannel) source, (WritableByteChannel) target,
                        context);
            }
        };

        abstract long hook(AbstractZeroCopyTransfer provider, Channel source, Channel target, long position,
                long count, TransferContext context) throws IOException;

        abstract long fallback(Channel source, Channel target, long position, long count, TransferContext context)
                throws IOException;
    }

    /** {@link #routed(TransferContext, Route, Channel, Channel, long, long)} with a context from the pool. */
    private long routed(Route route, Channel source, Channel target, long position, long count)
            throws IOException {
        TransferContext context = TransferContext.take();
        try {
            return routed(context, route, source, target, position, count);
        } catch (IOException e) {
            throw JdkTransferRules.refusedByShutDownOutput(e, source, target);
        } finally {
            context.release();
        }
    }

    /**
     * Runs the provider's hook, leaves the channels it entered, and runs the portable copy if the hook did
     * not handle the pair; one event.
     */
    private long routed(TransferContext context, Route route, Channel source, Channel target, long position,
            long count) throws IOException {
        context.start(name(), source, target);
        long n;
        try {
            n = route.hook(this, source, target, position, count, context);
        } catch (IOException | RuntimeException | Error e) {
            Throwable thrown = context.abandon(e);
            if (thrown instanceof IOException io) {
                throw io;
            }
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) thrown;
        }
        n = context.leave(n);
        if (n == CopyLoop.NOT_HANDLED) {
            n = route.fallback(source, target, position, count, context);
        }
        context.finish(n);
        return n;
    }

    /**
     * A transfer until the end of the stream at the file's position, which advances by what moved, also
     * when the transfer fails midway.
     */
    private long advancing(FileChannel file, Channel other, boolean fromFile) throws IOException {
        long start = file.position();
        long n;
        try {
            n = fromFile
                    ? routed(Route.FILE_TO_CHANNEL, file, other, start, Long.MAX_VALUE - start)
                    : routed(Route.CHANNEL_TO_FILE, other, file, start, Long.MAX_VALUE - start);
        } catch (IOException e) {
            if (e instanceof PartialTransfer partial && file.isOpen()) {
                file.position(start + partial.bytesTransferred());
            }
            throw e;
        }
        file.position(start + n);
        return n;
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
