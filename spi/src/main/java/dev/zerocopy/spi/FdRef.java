package dev.zerocopy.spi;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;

/**
 * A transfer's own reference to a channel's file descriptor: a {@code dup} of it, taken while the channel
 * was verifiably open and closed when the transfer ends. System calls are only ever issued on this
 * duplicate, never on the channel's number, which the JDK may close (and the kernel reuse for another
 * open) at any moment.
 */
public final class FdRef implements AutoCloseable {

    private final FdOps ops;
    private int fd;

    private FdRef(FdOps ops, int fd) {
        this.ops = ops;
        this.fd = fd;
    }

    /**
     * Takes a reference to the descriptor of a JDK channel.
     *
     * @param channel the channel
     * @param ops     the provider's {@code dup}/{@code close}
     * @return the reference, or {@code null} if the channel has no readable descriptor (not a JDK
     *         channel, or {@link FdAccess.Mode#NONE})
     * @throws ClosedChannelException if the channel is closed
     * @throws IOException if {@code dup} fails, for example because the process is out of descriptors
     */
    public static FdRef acquire(Channel channel, FdOps ops) throws IOException {
        int number = FdAccess.fd(channel);
        if (number < 0) {
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
            return null;
        }
        int duplicate = ops.dup(number);
        if (duplicate < 0) {
            int errno = ops.errno();
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
            throw new IOException("dup(" + number + ") failed with errno " + errno);
        }
        // The JDK marks a channel closed before it releases the number, so a channel that is still open
        // now was open when dup ran: the duplicate refers to this channel's file.
        if (!channel.isOpen()) {
            ops.close(duplicate);
            throw new ClosedChannelException();
        }
        return new FdRef(ops, duplicate);
    }

    /**
     * Returns the duplicate descriptor.
     *
     * @return the descriptor
     * @throws IllegalStateException if closed
     */
    public int fd() {
        if (fd < 0) {
            throw new IllegalStateException("closed");
        }
        return fd;
    }

    /** Closes the duplicate; idempotent. */
    @Override
    public void close() {
        if (fd >= 0) {
            ops.close(fd);
            fd = -1;
        }
    }
}
