package dev.zerocopy.spi;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A transfer's hold on the JDK channels at its two ends while a provider issues system calls on their
 * descriptors. Two protocols, chosen once per JVM ({@link #GUEST} where {@link JdkChannelProtocol} is
 * available, else {@code dup}):
 * <ul>
 *   <li><b>guest</b>: the transfer registers with each channel exactly as the JDK's own I/O does (a file
 *       channel's in-flight thread set; a socket or pipe channel's read or write lock and its registered
 *       reader or writer thread). A close from another thread then waits for the transfer, or wakes its
 *       system call with the JDK's signal and defers the release of the descriptor until the transfer
 *       leaves; an interrupt closes the channel the JDK's way. System calls use the channels' own
 *       descriptor numbers: no {@code dup}, no socket option changed.</li>
 *   <li><b>dup</b>: the socket and pipe channels' read or write lock is held (so no other thread's
 *       read or write interleaves), and system calls use the transfer's own duplicates of the descriptors
 *       ({@link FdRef}), closed when it ends.</li>
 * </ul>
 * In both, the selectable channels' blocking mode cannot change during the transfer (the JDK changes it
 * only holding both locks), so {@link #nonBlocking()} is read once, under the lock.
 */
final class ChannelRegistration {

    /** Whether transfers use the guest protocol in this JVM. */
    static final boolean GUEST = JdkChannelProtocol.AVAILABLE;

    private Channel source;
    private Channel target;
    private int sourceFd = -1;
    private int targetFd = -1;
    private boolean nonBlocking;

    // guest protocol: what has been entered, to leave exactly that
    private int sourceTicket = Integer.MIN_VALUE;
    private int targetTicket = Integer.MIN_VALUE;
    private ReentrantLock sourceLock;
    private ReentrantLock targetLock;
    private int sourceBegun = -1;      // -1 not begun, else 0 (non-blocking) / 1 (blocking)
    private int targetBegun = -1;
    private Channel interruptibleFile;

    // dup protocol
    private FdOps ops;
    private FdRef sourceRef;
    private FdRef targetRef;

    /**
     * Makes this (reused) registration ready to enter {@code source} and {@code target}; it must not hold
     * any channel (left, or never entered).
     */
    ChannelRegistration reset(Channel source, Channel target) {
        this.source = source;
        this.target = target;
        sourceFd = -1;
        targetFd = -1;
        nonBlocking = false;
        sourceTicket = Integer.MIN_VALUE;
        targetTicket = Integer.MIN_VALUE;
        sourceLock = null;
        targetLock = null;
        sourceBegun = -1;
        targetBegun = -1;
        interruptibleFile = null;
        ops = null;
        sourceRef = null;
        targetRef = null;
        return this;
    }

    int sourceFd() {
        return sourceFd;
    }

    int targetFd() {
        return targetFd;
    }

    boolean nonBlocking() {
        return nonBlocking;
    }

    boolean guest() {
        return ops == null;
    }

    /**
     * Enters both channels. On failure everything entered so far has been left again.
     *
     * @param ops the provider's descriptor calls, for the dup protocol
     * @return {@code false} if either channel has no descriptor this library can read (nothing entered)
     * @throws IOException the JDK's exception when a channel is closed (or the thread interrupted) at entry
     */
    boolean enter(FdOps ops) throws IOException {
        if (FdAccess.mode() == FdAccess.Mode.NONE
                || !JdkChannelProtocol.knows(source) || !JdkChannelProtocol.knows(target)) {
            return false;
        }
        if (GUEST) {
            enterGuest();
        } else {
            enterDup(ops);
        }
        return true;
    }

    private void enterGuest() throws IOException {
        boolean completed = false;
        try {
            if (!blockingSelectable(source) && !blockingSelectable(target)) {
                // no selectable end installs an interrupt hook: the file's does, as the JDK's transfers
                interruptibleFile = source.getClass() == JdkChannelProtocol.FILE ? source
                        : target.getClass() == JdkChannelProtocol.FILE ? target : null;
                if (interruptibleFile != null) {
                    JdkChannelProtocol.FILE_BEGIN.invokeExact(interruptibleFile);
                }
            }
            enterEnd(source, true);
            enterEnd(target, false);
            sourceFd = FdAccess.fd(source);
            targetFd = FdAccess.fd(target);
            completed = true;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            if (!completed) {
                IOException exit = leave(false);
                if (exit != null && interrupted()) {
                    throw exit;
                }
            }
        }
    }

    private void enterEnd(Channel channel, boolean read) throws Throwable {
        Class<?> type = channel.getClass();
        if (type == JdkChannelProtocol.FILE) {
            int ticket = (int) JdkChannelProtocol.FILE_ADD_THREAD.invokeExact(channel);
            if (read) {
                sourceTicket = ticket;
            } else {
                targetTicket = ticket;
            }
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
            return;
        }
        ReentrantLock lock = lock(channel, type, read);
        lock.lock();
        if (read) {
            sourceLock = lock;
        } else {
            targetLock = lock;
        }
        boolean blocking = ((SelectableChannel) channel).isBlocking();
        nonBlocking |= !blocking;
        if (read) {
            sourceBegun = blocking ? 1 : 0;
        } else {
            targetBegun = blocking ? 1 : 0;
        }
        begin(channel, type, read, blocking);
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    /**
     * The channel's read or write lock. Each handle is called from its own site, as a constant: the JIT
     * compiler inlines it.
     */
    private static ReentrantLock lock(Channel channel, Class<?> type, boolean read) throws Throwable {
        if (type == JdkChannelProtocol.SOCKET) {
            return read ? (ReentrantLock) JdkChannelProtocol.SOCKET_READ_LOCK.invokeExact(channel)
                    : (ReentrantLock) JdkChannelProtocol.SOCKET_WRITE_LOCK.invokeExact(channel);
        }
        return read ? (ReentrantLock) JdkChannelProtocol.SOURCE_READ_LOCK.invokeExact(channel)
                : (ReentrantLock) JdkChannelProtocol.SINK_WRITE_LOCK.invokeExact(channel);
    }

    /**
     * {@code beginRead}/{@code beginWrite}, then, for a blocking channel on a virtual thread (JDK 21 and
     * later), the JDK's own switch of the descriptor to non-blocking, so that waits park on its poller.
     */
    private static void begin(Channel channel, Class<?> type, boolean read, boolean blocking) throws Throwable {
        if (type == JdkChannelProtocol.SOCKET) {
            if (read) {
                JdkChannelProtocol.SOCKET_BEGIN_READ.invokeExact(channel, blocking);
            } else {
                JdkChannelProtocol.SOCKET_BEGIN_WRITE.invokeExact(channel, blocking);
            }
            if (blocking && JdkChannelProtocol.SOCKET_NON_BLOCKING_IF_VIRTUAL != null) {
                JdkChannelProtocol.SOCKET_NON_BLOCKING_IF_VIRTUAL.invokeExact(channel);
            }
        } else if (read) {
            JdkChannelProtocol.SOURCE_BEGIN_READ.invokeExact(channel, blocking);
            if (blocking && JdkChannelProtocol.SOURCE_NON_BLOCKING_IF_VIRTUAL != null) {
                JdkChannelProtocol.SOURCE_NON_BLOCKING_IF_VIRTUAL.invokeExact(channel);
            }
        } else {
            JdkChannelProtocol.SINK_BEGIN_WRITE.invokeExact(channel, blocking);
            if (blocking && JdkChannelProtocol.SINK_NON_BLOCKING_IF_VIRTUAL != null) {
                JdkChannelProtocol.SINK_NON_BLOCKING_IF_VIRTUAL.invokeExact(channel);
            }
        }
    }

    private static void end(Channel channel, Class<?> type, boolean read, boolean blocking, boolean completed)
            throws Throwable {
        if (type == JdkChannelProtocol.SOCKET) {
            if (read) {
                JdkChannelProtocol.SOCKET_END_READ.invokeExact(channel, blocking, completed);
            } else {
                JdkChannelProtocol.SOCKET_END_WRITE.invokeExact(channel, blocking, completed);
            }
        } else if (read) {
            JdkChannelProtocol.SOURCE_END_READ.invokeExact(channel, blocking, completed);
        } else {
            JdkChannelProtocol.SINK_END_WRITE.invokeExact(channel, blocking, completed);
        }
    }

    private void enterDup(FdOps ops) throws IOException {
        this.ops = ops;
        boolean completed = false;
        try {
            sourceLock = FdAccess.lock(source, true);
            if (sourceLock != null) {
                sourceLock.lock();
            }
            targetLock = FdAccess.lock(target, false);
            if (targetLock != null) {
                targetLock.lock();
            }
            nonBlocking = nonBlockingSelectable(source) || nonBlockingSelectable(target);
            sourceRef = FdRef.acquire(source, ops);
            targetRef = FdRef.acquire(target, ops);
            if (sourceRef == null || targetRef == null) {
                throw new ClosedChannelException();
            }
            sourceFd = sourceRef.fd();
            targetFd = targetRef.fd();
            completed = true;
        } finally {
            if (!completed) {
                leave(false);
            }
        }
    }

    /**
     * Leaves both channels, in the reverse order of entry.
     *
     * @param completed whether the transfer completed (the JDK's {@code end(completed)})
     * @return the JDK's exception from leaving (an interrupt or asynchronous close it noticed), or
     *         {@code null}
     */
    IOException leave(boolean completed) {
        if (ops != null) {
            close(targetRef);
            close(sourceRef);
            unlock(targetLock);
            unlock(sourceLock);
            return null;
        }
        IOException failure = leaveEnd(target, false, completed, null);
        failure = leaveEnd(source, true, completed, failure);
        if (interruptibleFile != null) {
            try {
                JdkChannelProtocol.FILE_END.invokeExact(interruptibleFile, completed);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            interruptibleFile = null;
        }
        sourceFd = -1;
        targetFd = -1;
        return failure;
    }

    private IOException leaveEnd(Channel channel, boolean read, boolean completed, IOException failure) {
        IOException result = failure;
        try {
            int ticket = read ? sourceTicket : targetTicket;
            if (ticket != Integer.MIN_VALUE) {
                JdkChannelProtocol.FILE_REMOVE_THREAD.invokeExact(channel, ticket);
            }
            int begun = read ? sourceBegun : targetBegun;
            if (begun >= 0) {
                Class<?> type = channel.getClass();
                try {
                    end(channel, type, read, begun == 1, completed);
                } catch (IOException e) {
                    result = result == null ? e : result;
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            unlock(read ? sourceLock : targetLock);
            if (read) {
                sourceTicket = Integer.MIN_VALUE;
                sourceBegun = -1;
                sourceLock = null;
            } else {
                targetTicket = Integer.MIN_VALUE;
                targetBegun = -1;
                targetLock = null;
            }
        }
        return result;
    }

    /**
     * Waits until an end may make progress: with the channel's own {@code park} in the guest protocol (on
     * the JDK's poller for a virtual thread, which then unmounts), else with {@code poll} on the duplicate.
     *
     * @param onSource the source end, else the target
     * @param millis   the longest wait
     * @return whether to try again at once ({@code park} does not report readiness: always {@code true})
     */
    boolean await(boolean onSource, int millis) throws IOException {
        Channel channel = onSource ? source : target;
        if (ops == null) {
            try {
                JdkChannelProtocol.PARK.invokeExact(channel,
                        onSource ? JdkChannelProtocol.POLLIN : JdkChannelProtocol.POLLOUT, millis * 1_000_000L);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return true;
        }
        return ops.poll(onSource ? sourceFd : targetFd, onSource ? Readiness.POLLIN : Readiness.POLLOUT, millis) > 0;
    }

    /**
     * Whether an end may be read (or written) now, without waiting: the JDK's own {@code poll} of the
     * channel's descriptor in the guest protocol, {@code poll} of the duplicate otherwise.
     */
    boolean readyNow(boolean onSource) throws IOException {
        if (ops != null) {
            return ops.poll(onSource ? sourceFd : targetFd, onSource ? Readiness.POLLIN : Readiness.POLLOUT, 0) > 0;
        }
        return JdkChannelProtocol.poll(JdkChannelProtocol.fd(onSource ? source : target),
                onSource ? JdkChannelProtocol.POLLIN : JdkChannelProtocol.POLLOUT, 0);
    }

    private static boolean interrupted() {
        return Thread.currentThread().isInterrupted();
    }

    private static boolean blockingSelectable(Channel channel) {
        return channel instanceof SelectableChannel selectable && selectable.isBlocking();
    }

    private static boolean nonBlockingSelectable(Channel channel) {
        return channel instanceof SelectableChannel selectable && !selectable.isBlocking();
    }

    private static void close(FdRef ref) {
        if (ref != null) {
            ref.close();
        }
    }

    private static void unlock(ReentrantLock lock) {
        if (lock != null && lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }
}
