package dev.zerocopy.posix;

import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.SocketTimeout;
import dev.zerocopy.spi.TransferContext;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;

/**
 * Runs a copy call into a socket, such as {@code sendfile}, through the {@link CopyLoop} once the hook has
 * {@linkplain TransferContext#enter entered} the channels, with the bound the channels' protocol needs:
 * <ul>
 *   <li>in the JDK's own protocol, or on a non-blocking socket, none: a blocking call may sleep in the
 *       kernel, since the JDK's close and interrupt signal it out (the call returns EINTR, or a partial
 *       count, with the bytes sent), and each call asks for up to {@link #CHUNK};</li>
 *   <li>on duplicates of a blocking socket, the socket's send timeout is bounded to one loop tick for the
 *       transfer ({@link SocketTimeout}; the transfer holds the socket's write lock, so no other write
 *       sees it) and each call asks for at most {@link #DUP_BLOCKING_CHUNK}.</li>
 * </ul>
 * EAGAIN waits through the context ({@link TransferContext#awaitTarget}).
 */
public final class SocketSendLoop {

    /**
     * Bytes asked of one call in the JDK's protocol or on a non-blocking socket: 4 MiB keeps the per-call
     * cost negligible (Go's maxSendfileSize on the BSDs and Solaris, for the same reason).
     */
    public static final long CHUNK = 4L << 20;

    /**
     * Bytes asked of one call into a blocking socket held on duplicates: a call waits again for buffer
     * space every time the peer reads, so only the chunk bounds how long it runs into a slow but moving
     * peer, and closes and interrupts are seen between calls; with the one-tick send timeout a call returns
     * within a few ticks.
     */
    public static final long DUP_BLOCKING_CHUNK = 256 * 1024;

    private SocketSendLoop() {
    }

    /**
     * Runs the loop.
     *
     * @param syscall  the call's name
     * @param step     the call, on the context's descriptors
     * @param libc     the C library, whose send timeout bounds a blocking socket held on duplicates
     * @param position the first file offset
     * @param count    the most bytes
     * @param context  the transfer's context, entered
     * @return the bytes transferred, or {@link CopyLoop#NOT_HANDLED}
     * @throws IOException as {@link CopyLoop#run(long, long, Readiness, TransferContext)}
     */
    public static long run(String syscall, TransferStep step, PosixLibc libc, long position, long count,
            TransferContext context) throws IOException {
        Readiness writable = context::awaitTarget;
        if (context.guest() || context.nonBlocking()) {
            return new CopyLoop(syscall, step, CHUNK).run(position, count, writable, context);
        }
        return SocketTimeout.runBounded(new CopyLoop(syscall, step, DUP_BLOCKING_CHUNK), libc.sendTimeout(),
                context.targetFd(), position, count, writable, context);
    }
}
