package dev.zerocopy.spi;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferClosedException;
import dev.zerocopy.TransferFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * The running JDK's rules for the arguments and states of {@code FileChannel.transferTo} and
 * {@code transferFrom}, applied before a transfer starts so that every provider answers as the JDK
 * running the program does: the same exceptions in the same order, and the same count bound.
 *
 * <ul>
 *   <li>{@code transferTo}: the source and target open, the source readable, a file target writable,
 *       non-negative arguments; a position beyond the file's size transfers nothing, and the count is bounded
 *       by the size <em>at the start</em> (so a copy of a file into itself, which makes the file grow,
 *       ends). Into a connected socket, the size is read only when the range asked for reaches beyond the
 *       size the transfer's context last read of this file: a call within it needs no {@code fstat}
 *       ({@code sendfile} reads the file before it touches the socket, so a file that shrank ends the copy
 *       at its end with the count the bound would have given), and a 16 KiB call to a socket is one system
 *       call. Into anything else the size is always read: a copy into the same file must stop at the size
 *       at its start even after the file shrank, and a pipe is written (or waited for) before the file is
 *       read, so a call beyond a shrunk end must return 0 before it reaches the pipe. A file whose size
 *       reads as zero (as in Linux {@code /proc}) is read to its end since JDK 21, and transfers nothing
 *       before.</li>
 *   <li>{@code transferFrom}, JDK 21 and later: the target and source open, a file source readable, the
 *       target writable, non-negative arguments; a position beyond the target's size grows the file.
 *       JDK 17 to 20: the target and source open, the target writable, non-negative arguments, a position
 *       beyond the target's size transfers nothing, and only then a file source's readability. A file
 *       source gives at most its size less its position at the start.</li>
 *   <li>A socket that is not connected throws {@link NotYetConnectedException} when bytes would move
 *       through it (a {@code transferTo} target on JDKs before 21: an {@link IOException}, "Broken pipe",
 *       as their {@code sendfile} gives); from JDK 21 a {@code transferTo} target is checked whenever the
 *       position lies within a non-empty file, even for a count of 0 (not connected:
 *       {@link NotYetConnectedException}; output shut down: an asynchronous close). A socket source whose
 *       input was shut down is at its end.</li>
 * </ul>
 * Whether a JDK file channel was opened for reading or writing is read from the channel where
 * {@link FdAccess} can, and otherwise learnt from the channel's own answer to an empty positional read or
 * write, which checks the open mode and moves nothing.
 */
final class JdkTransferRules {

    /** The running JDK's feature release. */
    static final int FEATURE = Runtime.version().feature();

    /**
     * Whether the running JDK follows the transfer rules of JDK 21 and later: {@code transferFrom} at a
     * position beyond the file's size grows the file and checks a file source's readability before the
     * target's writability; {@code transferTo} reads a file whose size reads as zero to its end, and checks
     * a socket target (connected, output open) whenever the position lies within a non-empty file, where
     * earlier JDKs leave it to {@code sendfile}'s EPIPE.
     */
    static final boolean JDK21_RULES = FEATURE >= 21;

    /** The JDK's file channel class; its open-mode checks are the ones the JDK applies. */
    private static final String FILE_CHANNEL_IMPL = "sun.nio.ch.FileChannelImpl";

    private JdkTransferRules() {
    }

    /**
     * Applies {@code transferTo}'s checks and returns the count to transfer.
     *
     * @param source   the file
     * @param position the position
     * @param count    the count asked for
     * @param target   the target
     * @param sizes    what the transfer's context knows of the source's size: where the range asked for lies
     *                 below the size it last read and the target is a connected socket, the bound is the count and
     *                 no {@code fstat} is made (a file that shrank since ends the copy at its end, as the
     *                 bound would have)
     * @return the count bounded by the file's size at the start; 0 means the transfer ends here with 0
     * @throws IOException as the JDK's {@code transferTo} before it moves a byte
     */
    static long transferTo(FileChannel source, long position, long count, WritableByteChannel target,
            TransferContext sizes) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        requireOpen(source, target);
        if (!readable(source)) {
            throw new NonReadableChannelException();
        }
        if (target instanceof FileChannel file && !writable(file)) {
            throw new NonWritableChannelException();
        }
        requireNonNegative(position, count);
        if (target instanceof SocketChannel socket && count > 0 && count <= sizes.knownSize(source) - position
                && !notConnected(socket)) {
            return count;
        }
        long size = size(source, source, target);
        sizes.sizeRead(source, size);
        if (position > size) {
            return 0;
        }
        if (size == 0) {
            return JDK21_RULES ? count : 0;
        }
        long bounded = Math.min(count, size - position);
        if (target instanceof SocketChannel socket) {
            if (JDK21_RULES) {
                // JDK 21+ enters the socket's transfer protocol whatever the count: it must be connected, and
                // its output open (a closed one is reported as an asynchronous close).
                if (notConnected(socket)) {
                    throw new NotYetConnectedException();
                }
                if (socket.isOpen() && socket.socket().isOutputShutdown()) {
                    throw outputShutDown();
                }
            } else if (bounded > 0 && notConnected(socket)) {
                // JDK 17 hands the unconnected socket's fd to sendfile, which fails with EPIPE.
                throw new IOException("Broken pipe");
            }
        }
        return bounded;
    }

    /**
     * Applies {@code transferFrom}'s checks, in the running JDK's order, and returns the count to transfer.
     *
     * @param source   the source
     * @param target   the file
     * @param position the position
     * @param count    the count asked for
     * @return the count, bounded by a file source's size; 0 means the transfer ends here with 0
     * @throws IOException as the JDK's {@code transferFrom} before it moves a byte
     */
    static long transferFrom(ReadableByteChannel source, FileChannel target, long position, long count)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        requireOpen(source, target);
        FileChannel file = source instanceof FileChannel f ? f : null;
        if (JDK21_RULES && file != null && !readable(file)) {
            throw new NonReadableChannelException();
        }
        if (!writable(target)) {
            throw new NonWritableChannelException();
        }
        requireNonNegative(position, count);
        if (!JDK21_RULES) {
            if (position > size(target, source, target)) {
                return 0;
            }
            if (file != null && !readable(file)) {
                throw new NonReadableChannelException();
            }
        }
        long bounded = count;
        if (file != null) {
            long size = size(file, source, target);
            if (size > 0 || !JDK21_RULES) {
                bounded = Math.max(0, Math.min(count, size - position(file, source, target)));
            }
        }
        return bounded > 0 ? readableStream(source, bounded) : 0;
    }

    /**
     * Applies the checks of a transfer to the end of a stream between two non-file channels, or from a
     * non-file channel into a file (a copy no JDK method makes: an unconnected socket is refused as the
     * channel's own read and write refuse it).
     *
     * @param source the source
     * @param target the target
     * @return {@code false} if the source is a socket whose input was shut down: it is at its end
     * @throws NotYetConnectedException if a socket of the pair is not connected
     */
    static boolean streamable(ReadableByteChannel source, WritableByteChannel target) {
        requireConnected(target);
        return readableStream(source, 1) > 0;
    }

    /** The count, or 0 when a socket source's input was shut down; a source not connected throws. */
    private static long readableStream(ReadableByteChannel source, long count) {
        if (source instanceof SocketChannel socket && socket.isOpen()) {
            if (notConnected(socket)) {
                throw new NotYetConnectedException();
            }
            if (socket.socket().isInputShutdown() && socket.isOpen()) {
                return 0;
            }
        }
        return count;
    }

    private static void requireConnected(Channel target) {
        if (target instanceof SocketChannel socket && notConnected(socket)) {
            throw new NotYetConnectedException();
        }
    }

    /**
     * What the running JDK's {@code transferTo} throws for an open socket target whose output was shut
     * down: from JDK 21 its transfer protocol refuses the socket, reported as an asynchronous close; before,
     * {@code sendfile} fails with EPIPE. Both tell that no byte moved.
     *
     * @return the exception to throw
     */
    static IOException outputShutDown() {
        return outputShutDown(0);
    }

    /**
     * As {@link #outputShutDown()}, after {@code written} bytes reached the socket.
     *
     * @param written the bytes transferred before the refusal
     * @return the exception to throw
     */
    static IOException outputShutDown(long written) {
        return JDK21_RULES ? new TransferClosedException(written)
                : new TransferFailedException("write", "EPIPE", "Broken pipe", written);
    }

    /**
     * Whether a transfer that failed before any byte moved failed because its target, an open socket, cannot
     * send: its output was shut down (the JDK's channel protocol refused it, or the system call said EPIPE)
     * or it is not connected. Where that happens after the size read was skipped ({@link #transferTo}) or
     * for a file whose size reads as zero, {@link #nothingToSend} tells whether the JDK would have returned 0
     * without touching the socket.
     *
     * @param failure the failure
     * @param source  the transfer's source
     * @param target  the transfer's target
     * @return whether the socket refused before any byte moved
     */
    static boolean refusedBySocketBeforeAnyByte(IOException failure, Channel source, Channel target) {
        SocketChannel socket = openSocket(source, target);
        boolean refusal = failure.getClass() == ClosedChannelException.class
                || failure instanceof TransferFailedException call && call.bytesTransferred() == 0
                        && ("EPIPE".equals(call.errno()) || "ENOTCONN".equals(call.errno()));
        return refusal && socket != null && (socket.socket().isOutputShutdown() || notConnected(socket));
    }

    /** The target as a socket, if it is one and both channels are open; else {@code null}. */
    private static SocketChannel openSocket(Channel source, Channel target) {
        return target instanceof SocketChannel socket && socket.isOpen() && source.isOpen() ? socket : null;
    }

    /**
     * Whether the running JDK's {@code transferTo} from {@code source} at {@code position} returns 0 before
     * it touches its target: the position lies beyond the file's size as read now, or (from JDK 21) the
     * size reads as zero and the file has no byte at the position (the JDK then reads before it writes).
     *
     * @param source   the file
     * @param position the position
     * @return whether nothing would be sent
     * @throws IOException if the file's size or byte cannot be read
     */
    static boolean nothingToSend(FileChannel source, long position) throws IOException {
        long size = source.size();
        return position > size
                || JDK21_RULES && size == 0 && source.read(ByteBuffer.allocate(1), position) < 0;
    }

    /**
     * The exception for a transfer into an open socket whose output was shut down: what the running JDK
     * reports for that socket (see {@link #outputShutDown(long)}), whichever way the refusal surfaced — the
     * JDK's own protocol refusing to enter the socket before any byte moved (a plain
     * {@link ClosedChannelException} with both channels open), or the system call's EPIPE, before any byte
     * moved (a non-blocking socket, which that protocol does not check) or midway (another thread shut the
     * output down during the transfer; from JDK 21 the JDK reports that as an asynchronous close, before as
     * the call's EPIPE, which stays). Any other failure stays as it is.
     *
     * @param failure the failure
     * @param source  the transfer's source
     * @param target  the transfer's target
     * @return the exception to throw
     */
    static IOException refusedByShutDownOutput(IOException failure, Channel source, Channel target) {
        boolean refused = failure.getClass() == ClosedChannelException.class
                || JDK21_RULES && failure instanceof TransferFailedException call && "EPIPE".equals(call.errno());
        SocketChannel socket = refused ? openSocket(source, target) : null;
        if (socket != null && socket.socket().isOutputShutdown()) {
            IOException answer = outputShutDown(failure instanceof PartialTransfer partial
                    ? partial.bytesTransferred() : 0);
            answer.initCause(failure);
            return answer;
        }
        return failure;
    }

    /**
     * Whether an open socket was never connected. A socket closed meanwhile is left to the transfer, which
     * reports the close as the JDK does.
     */
    private static boolean notConnected(SocketChannel socket) {
        return !socket.isConnected() && socket.isOpen();
    }

    private static void requireOpen(Channel source, Channel target) throws ClosedChannelException {
        if (!source.isOpen() || !target.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private static void requireNonNegative(long position, long count) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position: " + position);
        }
        if (count < 0) {
            throw new IllegalArgumentException("negative count: " + count);
        }
    }

    /**
     * A file's size; a close or an interrupt meanwhile ends the transfer as one during it would: with
     * both channels closed on an interrupt, and with exceptions that tell that nothing moved.
     */
    private static long size(FileChannel file, Channel source, Channel target) throws IOException {
        try {
            return file.size();
        } catch (ClosedChannelException e) {
            throw closedAtStart("size", e, source, target);
        }
    }

    /**
     * A channel found closed before the transfer moved a byte: an interrupt pending on this thread (whose
     * empty probe read or write, or {@code size()}, closed the file) ends the transfer as an interrupt does,
     * closing both channels; any other close as the guard reports it.
     */
    private static IOException closedAtStart(String operation, ClosedChannelException e, Channel source,
            Channel target) {
        ChannelGuard guard = new ChannelGuard(source, target);
        return Thread.currentThread().isInterrupted() ? guard.interrupted(0) : guard.failed(operation, e, 0);
    }

    private static long position(FileChannel file, Channel source, Channel target) throws IOException {
        try {
            return file.position();
        } catch (ClosedChannelException e) {
            throw closedAtStart("position", e, source, target);
        }
    }

    /**
     * Tells whether a file channel may be read: {@code false} only for a JDK file channel opened without
     * read access, as the JDK's checks apply only to its own channels.
     *
     * @param file the channel
     * @return whether it may be read
     */
    static boolean readable(FileChannel file) {
        Boolean known = FdAccess.readable(file);
        return known != null ? known : probe(file, true);
    }

    /**
     * Tells whether a file channel may be written: {@code false} only for a JDK file channel opened
     * without write access.
     *
     * @param file the channel
     * @return whether it may be written
     */
    static boolean writable(FileChannel file) {
        Boolean known = FdAccess.writable(file);
        return known != null ? known : probe(file, false);
    }

    /**
     * Asks a JDK file channel itself with an empty positional read or write: it checks the open mode
     * first and, with nothing to move, makes no system call.
     *
     * @param file the channel
     * @param read whether to ask about reading rather than writing
     * @return {@code false} only if the channel refused
     */
    static boolean probe(FileChannel file, boolean read) {
        if (!file.getClass().getName().equals(FILE_CHANNEL_IMPL)) {
            return true;
        }
        try {
            if (read) {
                file.read(ByteBuffer.allocate(0), 0);
            } else {
                file.write(ByteBuffer.allocate(0), 0);
            }
            return true;
        } catch (NonReadableChannelException | NonWritableChannelException refused) {
            return false;
        } catch (IOException closed) {
            return true;        // closed meanwhile: the transfer itself reports it
        }
    }
}
