package dev.zerocopy.spi;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferClosedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The pure-Java copies: loops over the JDK's own {@code transferTo}/{@code transferFrom} (which may return
 * after any prefix, and stop at about 2 GiB per call) and a direct-buffer loop for arbitrary channels.
 * They complete {@link dev.zerocopy.ZeroCopyTransfer}'s contract and are every provider's fallback.
 *
 * <p>A blocking socket or pipe source is read in bounded waits (see {@link TickingSocketReader} and
 * {@link TickingPipeReader}), so a close of the target by another thread ends the copy even while the
 * sender is quiet; a blocking socket or pipe target is written in bounded waits where {@link TickingWriter}
 * applies, so a close of the source ends the copy while the receiver does not read. A failure caused by a
 * close of either channel is an
 * {@link java.nio.channels.AsynchronousCloseException} that tells the bytes written. The counts are exact
 * where anything reports them: a write that fails midway has advanced its direct buffer's position by what
 * it wrote (the JDK does so before it throws), and before JDK 21 a JDK {@code transferTo} into a file has
 * moved the target's position, which stays readable. What nothing reports is not counted (the count then
 * stops before that call): the bytes a JDK call had moved when an interrupt stopped it from a file into a
 * socket (JDK 21 and later), between two files from JDK 21 (the JDK closes both files on an
 * interrupt), and in a {@code transferFrom} from a file before JDK 21 (whose mapped copy advances the
 * source's position only when it returns).
 */
final class PortableCopies {

    /** Mechanism name of the JDK's own transfer methods. */
    static final String JDK = "jdk";
    /** Mechanism name of the direct-buffer loop. */
    static final String BUFFER = "buffer";

    private static final int SELECT_TICK_MILLIS = 50;

    /**
     * Whether the JDK's {@code transferTo} keeps the target's fd from being released while it writes to
     * it. JDK 25's registers the transfer with the target channel first; JDK 17's reads the target's fd
     * number and calls {@code sendfile} on it without, so a target closed meanwhile may have its number
     * reused by a new file that then receives the bytes. Before JDK 21 a buffer loop, whose writes are
     * the target's own, is used instead for socket and pipe targets; file targets keep the JDK's call,
     * whose {@code sendfile} gives a copy of a file onto an overlapping range of itself the JDK's bytes.
     * Pipe targets get the buffer loop on every JDK, whose count stays exact when an interrupt stops a
     * write (JDK 25's own {@code transferTo} into a pipe copies with the pipe's blocking writes anyway, of a
     * mapped buffer or from a read/write loop, and reports nothing of what an interrupted call moved).
     */
    private static final boolean JDK_TRANSFER_TO_HOLDS_TARGET = Runtime.version().feature() >= 21;

    /**
     * Whether a file target of the JDK's {@code transferTo} is registered by this class for the call: before
     * JDK 21 (see {@link #JDK_TRANSFER_TO_HOLDS_TARGET}) where the JDK's channel protocol is open to this
     * library. Registered as the JDK's own writes register, a target closed by another thread keeps its
     * descriptor until the call returns. Without the protocol the JDK's race remains.
     */
    private static final boolean REGISTERS_FILE_TARGET = !JDK_TRANSFER_TO_HOLDS_TARGET && JdkChannelProtocol.AVAILABLE;

    private PortableCopies() {
    }

    /**
     * File to channel with {@link FileChannel#transferTo} (a buffer loop for pipe targets, and before JDK
     * 21 for socket targets: see {@link #JDK_TRANSFER_TO_HOLDS_TARGET}), repeated until the count is
     * reached, the file ends, or
     * (non-blocking target) the target is full.
     *
     * @param source   the file
     * @param position the first position
     * @param unbounded the most bytes; bounded further by the size of the file at the start
     * @param target   the channel
     * @param context  the transfer's context
     * @return the bytes transferred
     * @throws IOException on failure
     */
    static long fileToChannel(FileChannel source, long position, long unbounded, WritableByteChannel target,
            TransferContext context) throws IOException {
        long count = boundedBySize(source, position, unbounded, context);
        if (target instanceof Pipe.SinkChannel || !JDK_TRANSFER_TO_HOLDS_TARGET && !(target instanceof FileChannel)) {
            return bufferedFromFile(source, position, count, target, context);
        }
        context.mechanism(JDK);
        return jdkCalls(source, true, position, count, target, context);
    }

    /**
     * The JDK's {@code transferTo} ({@code fromFile}) or {@code transferFrom} of {@code file}, repeated until
     * the count is reached or a call moves nothing (the end of the file, or a non-blocking channel that is
     * full or empty), checking the channels between calls.
     *
     * <p>A JDK call that fails after moving bytes does not report them (an interrupt throws
     * {@link ClosedByInterruptException} whatever the call had moved). Where the other end is a file that
     * is still open (before JDK 21, an interrupt closes only the channel the JDK was blocked on), the call
     * has moved that file's position by what it moved ({@code transferTo} writes at the target's position;
     * {@code transferFrom} reads at the source's, though its mapped copy before JDK 21 moves it only when
     * it returns), so the bytes are learnt from it. A socket or pipe keeps no such account.
     */
    private static long jdkCalls(FileChannel file, boolean fromFile, long position, long count, Channel other,
            TransferContext context) throws IOException {
        Channel source = fromFile ? file : other;
        Channel target = fromFile ? other : file;
        long written = 0;
        while (written < count) {
            context.guard().check(written);
            long mark = filePosition(other);
            long n;
            try {
                n = fromFile
                        ? transferTo(file, position + written, count - written, (WritableByteChannel) other)
                        : file.transferFrom((ReadableByteChannel) other, position + written, count - written);
            } catch (IOException e) {
                long moved = mark < 0 ? 0 : Math.max(0, filePosition(other) - mark);
                throw failed(context, fromFile ? "transferTo" : "transferFrom", e, written + moved, source, target);
            }
            if (n <= 0) {
                break;          // end of file, or a non-blocking channel that is full or empty
            }
            written += n;
        }
        return written;
    }

    /** One {@code transferTo}, registered with a JDK file target where {@link #REGISTERS_FILE_TARGET}. */
    private static long transferTo(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        if (!REGISTERS_FILE_TARGET || target.getClass() != JdkChannelProtocol.FILE) {
            return source.transferTo(position, count, target);
        }
        int ticket;
        try {
            ticket = (int) JdkChannelProtocol.FILE_ADD_THREAD.invokeExact((Channel) target);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        try {
            if (!target.isOpen()) {
                throw new ClosedChannelException();     // closed before the registration: its number is gone
            }
            return source.transferTo(position, count, target);
        } finally {
            try {
                JdkChannelProtocol.FILE_REMOVE_THREAD.invokeExact((Channel) target, ticket);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The position of a file channel that is open, or -1. An interrupt pending on this thread is put aside
     * while the position is read: the JDK's {@code position()} would otherwise close the channel first.
     */
    private static long filePosition(Channel channel) {
        if (!(channel instanceof FileChannel file) || !file.isOpen()) {
            return -1;
        }
        boolean interrupted = Thread.interrupted();
        try {
            return file.position();
        } catch (IOException closed) {
            return -1;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Bounds a count by the bytes the file holds at the start, as the JDK's single call is bounded: every
     * further {@code transferTo} sees the size the last one made, so a copy of a file into itself would
     * never end. A file whose size reads as zero (as in Linux {@code /proc}) is read to its end.
     */
    private static long boundedBySize(FileChannel source, long position, long count, TransferContext context)
            throws IOException {
        long size;
        try {
            size = source.size();
        } catch (IOException e) {
            throw context.guard().failed("size", e, 0);
        }
        return size == 0 ? count : Math.max(0, Math.min(count, size - position));
    }

    /**
     * File to channel with positional reads into a direct buffer and the target's own writes, which
     * hold the target's fd while they use it.
     */
    private static long bufferedFromFile(FileChannel source, long position, long count,
            WritableByteChannel target, TransferContext context) throws IOException {
        context.mechanism(BUFFER);
        ByteBuffer buffer = BufferPool.take();
        try {
            long written = 0;
            while (written < count) {
                context.guard().check(written);
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - written));
                int n;
                try {
                    n = source.read(buffer, position + written);
                } catch (IOException e) {
                    throw failed(context, "read", e, written, source, target);
                }
                if (n <= 0) {
                    break;
                }
                buffer.flip();
                written = drain(buffer, target, context.nonBlocking(), context, written, source);
                if (buffer.hasRemaining()) {
                    return written;     // a full non-blocking target: the rest is read again next time
                }
            }
            return written;
        } finally {
            BufferPool.give(buffer);
        }
    }

    /**
     * Channel to file: from another file with {@link FileChannel#transferFrom}, from anything else with a
     * direct-buffer loop (the JDK's own loop for that case copies 8 KiB at a time). Stops at the count,
     * the end of the source or, for a non-blocking source, when it has nothing to read.
     *
     * @param source   the channel
     * @param target   the file
     * @param position the first position to write, possibly beyond the end of the file
     * @param count    the most bytes
     * @param context  the transfer's context
     * @return the bytes transferred
     * @throws IOException on failure
     */
    static long channelToFile(ReadableByteChannel source, FileChannel target, long position, long count,
            TransferContext context) throws IOException {
        if (source instanceof FileChannel file) {
            context.mechanism(JDK);
            return jdkCalls(target, false, position, count, file, context);
        }
        context.mechanism(BUFFER);
        ByteBuffer buffer = BufferPool.take();
        try (Reader reader = Reader.of(source, target, context)) {
            long written = 0;
            while (written < count) {
                context.guard().check(written);
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - written));
                int n = reader.read(buffer, written);
                if (n <= 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    int before = buffer.position();
                    try {
                        written += target.write(buffer, position + written);
                    } catch (IOException e) {
                        throw failed(context, "write", e, written + buffer.position() - before, source, target);
                    }
                }
            }
            return written;
        } finally {
            BufferPool.give(buffer);
        }
    }

    /**
     * Channel to channel with a direct-buffer loop until the source ends. A non-blocking source that has
     * nothing to read ends the loop; bytes already read are always written before the method returns,
     * waiting for a non-blocking target to accept them if need be.
     *
     * @param source  the channel read from
     * @param target  the channel written to
     * @param context the transfer's context
     * @return the bytes transferred
     * @throws IOException on failure
     */
    static long channelToChannel(ReadableByteChannel source, WritableByteChannel target,
            TransferContext context) throws IOException {
        context.mechanism(BUFFER);
        ByteBuffer buffer = BufferPool.take();
        try (Reader reader = Reader.of(source, target, context)) {
            long written = 0;
            while (true) {
                context.guard().check(written);
                buffer.clear();
                int n = reader.read(buffer, written);
                if (n <= 0) {
                    return written;
                }
                buffer.flip();
                written = drain(buffer, target, false, context, written, source);
            }
        } finally {
            BufferPool.give(buffer);
        }
    }

    /**
     * Turns an exception of a channel operation into the transfer's: as the guard does, and a failure
     * caused by a close of either channel by another thread (which the JDK may report as a plain
     * {@link ClosedChannelException} or an I/O error of the other channel) into an
     * {@link java.nio.channels.AsynchronousCloseException} that tells the bytes transferred.
     */
    static IOException failed(TransferContext context, String operation, IOException failure, long written,
            Channel source, Channel target) {
        if (!(failure instanceof PartialTransfer) && !(failure instanceof ClosedByInterruptException)
                && (!source.isOpen() || !target.isOpen())) {
            return Thread.currentThread().isInterrupted()
                    ? context.guard().interrupted(written)
                    : new TransferClosedException(written);
        }
        if (failure instanceof ClosedChannelException && target instanceof SocketChannel socket
                && socket.socket().isOutputShutdown()) {
            return JdkTransferRules.outputShutDown(written);     // the JDK's answer, not "closed by another thread"
        }
        return context.guard().failed(operation, failure, written);
    }

    /**
     * Reads the source of a buffer loop: a blocking socket or pipe in ticks (so that a close of the target
     * is noticed while the source is quiet), anything else plainly.
     */
    private static final class Reader implements AutoCloseable {
        private final ReadableByteChannel source;
        private final Channel target;
        private final TransferContext context;
        private final TickingSocketReader socket;
        private final TickingPipeReader pipe;

        private Reader(ReadableByteChannel source, Channel target, TransferContext context,
                TickingSocketReader socket, TickingPipeReader pipe) {
            this.source = source;
            this.target = target;
            this.context = context;
            this.socket = socket;
            this.pipe = pipe;
        }

        static Reader of(ReadableByteChannel source, Channel target, TransferContext context) throws IOException {
            TickingSocketReader socket = null;
            TickingPipeReader pipe = null;
            try {
                if (source instanceof SocketChannel channel && channel.isBlocking()) {
                    socket = TickingSocketReader.open(channel, BufferPool.BUFFER_SIZE);
                } else if (source instanceof Pipe.SourceChannel channel && channel.isBlocking()) {
                    pipe = TickingPipeReader.open(channel);
                }
            } catch (IOException notReadable) {
                // closed, or input shut down: the plain read says so as the JDK does
            } catch (java.nio.channels.IllegalSelectorException otherProvider) {
                // a pipe of another selector provider: read plainly, as the JDK would
            }
            return new Reader(source, target, context, socket, pipe);
        }

        int read(ByteBuffer buffer, long written) throws IOException {
            try {
                if (socket != null) {
                    return socket.read(buffer, context.guard(), written);
                }
                return pipe != null ? pipe.read(buffer, context.guard(), written) : source.read(buffer);
            } catch (IOException e) {
                throw failed(context, "read", e, written, source, target);
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.close();
            }
            if (pipe != null) {
                pipe.close();
            }
        }
    }

    /**
     * Writes the buffer's bytes to the target, waiting for a full non-blocking target unless
     * {@code stopWhenFull}, and returns the new total; bytes stay in the buffer only if it stopped. A
     * blocking socket or pipe target is written in ticks where {@link TickingWriter} applies.
     */
    private static long drain(ByteBuffer buffer, WritableByteChannel target, boolean stopWhenFull,
            TransferContext context, long written, Channel source) throws IOException {
        long total = written;
        boolean ticking = TickingWriter.applies(target);
        while (buffer.hasRemaining()) {
            int before = buffer.position();
            int limit = buffer.limit();
            int w;
            try {
                if (ticking) {
                    int room = TickingWriter.awaitRoom(target, context.guard(), total);
                    buffer.limit(before + Math.min(buffer.remaining(), room));
                }
                w = target.write(buffer);
            } catch (IOException e) {
                throw failed(context, "write", e, total + buffer.position() - before, source, target);
            } finally {
                buffer.limit(limit);
            }
            total += w;
            if (w == 0) {
                if (stopWhenFull) {
                    return total;
                }
                awaitWritable(target, context, total);
            }
        }
        return total;
    }

    /** Waits in bounded ticks until a non-blocking target accepts bytes again. */
    private static void awaitWritable(WritableByteChannel target, TransferContext context, long written)
            throws IOException {
        if (!(target instanceof SelectableChannel selectable) || selectable.isBlocking()) {
            context.guard().check(written);
            Thread.onSpinWait();
            return;
        }
        try (Selector selector = selectable.provider().openSelector()) {
            selectable.register(selector, SelectionKey.OP_WRITE);
            while (selector.select(SELECT_TICK_MILLIS) == 0) {
                context.guard().check(written);
            }
        }
    }
}
