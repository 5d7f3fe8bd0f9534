package dev.zerocopy.spi;

import dev.zerocopy.TransferClosedException;
import dev.zerocopy.TransferInterruptedException;
import java.io.IOException;
import java.nio.channels.Channel;

/**
 * Watches the two channels of a transfer between system calls, as NIO's interruptible channels do in
 * theirs: an interrupt of the transferring thread closes both channels and raises
 * {@link java.nio.channels.ClosedByInterruptException}; a channel closed by another thread raises
 * {@link java.nio.channels.AsynchronousCloseException}. Both exceptions carry the bytes transferred.
 */
public final class ChannelGuard {

    private Channel source;
    private Channel target;
    private boolean deferClose;
    private boolean closePending;

    /**
     * Creates a guard.
     *
     * @param source the channel read from
     * @param target the channel written to
     */
    public ChannelGuard(Channel source, Channel target) {
        this.source = source;
        this.target = target;
    }

    /** Guards the next transfer of a reused context. */
    void reset(Channel source, Channel target) {
        this.source = source;
        this.target = target;
        this.deferClose = false;
        this.closePending = false;
    }

    /**
     * Throws if the thread was interrupted or a channel was closed.
     *
     * @param transferred the bytes transferred so far, for the exception
     * @throws TransferInterruptedException if the current thread is interrupted; both channels are closed
     *         and the interrupt status stays set
     * @throws TransferClosedException if either channel is closed
     */
    public void check(long transferred) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(transferred);
        }
        if (!source.isOpen() || !target.isOpen()) {
            throw new TransferClosedException(transferred);
        }
    }

    /**
     * Closes both channels, as an interrupt requires, and returns the exception to throw.
     *
     * @param transferred the bytes transferred so far
     * @return the exception
     */
    public TransferInterruptedException interrupted(long transferred) {
        if (deferClose) {
            closePending = true;       // a close now would wait for this very transfer to leave the channels
        } else {
            closeInterrupted();
        }
        return new TransferInterruptedException(transferred);
    }

    /**
     * While the transfer is registered with its channels, an interrupt's close must wait until it has left
     * them: the JDK's close of a channel waits for the operations registered with it to end.
     *
     * @param defer whether closes are deferred; turning deferral off performs a pending close
     */
    void deferClose(boolean defer) {
        deferClose = defer;
        if (!defer && closePending) {
            closePending = false;
            closeInterrupted();
        }
    }

    private void closeInterrupted() {
        closeQuietly(source);
        closeQuietly(target);
    }

    /**
     * Turns an exception from a channel operation during a transfer into one that says how many bytes
     * were transferred: an interrupt closes both channels ({@link TransferInterruptedException}), a close
     * by another thread becomes a {@link TransferClosedException}, any other I/O error a
     * {@link dev.zerocopy.TransferFailedException}. Exceptions that already say so pass unchanged.
     *
     * @param operation   what failed, such as {@code "read"}
     * @param failure     the exception
     * @param transferred the bytes transferred before the operation
     * @return the exception to throw
     */
    public IOException failed(String operation, IOException failure, long transferred) {
        if (failure instanceof dev.zerocopy.PartialTransfer) {
            return failure;
        }
        if (failure instanceof java.nio.channels.ClosedByInterruptException) {
            return interrupted(transferred);
        }
        if (failure instanceof java.nio.channels.AsynchronousCloseException) {
            return new TransferClosedException(transferred);
        }
        if (failure instanceof java.nio.channels.ClosedChannelException) {
            return failure;
        }
        return new dev.zerocopy.TransferFailedException(operation, failure, transferred);
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the interrupt is what the caller needs to hear about
        }
    }
}
