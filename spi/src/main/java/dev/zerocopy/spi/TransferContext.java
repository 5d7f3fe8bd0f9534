package dev.zerocopy.spi;

import dev.zerocopy.TransferClosedException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import jdk.jfr.FlightRecorder;

/**
 * One transfer's state, handed to a provider's hook: the two channels' descriptors once the hook has
 * {@linkplain #enter(FdOps) entered} them, whether the caller's channel is non-blocking, the waits, the
 * {@link ChannelGuard}, and what to record in the JFR event {@code dev.zerocopy.Transfer}.
 *
 * <p>A hook that issues system calls first calls {@link #enter(FdOps)}, which registers the transfer with
 * both JDK channels the way the JDK's own I/O does (or, where the JDK's internals are not open to this
 * library, holds the channels' locks and takes duplicates of their descriptors), and then uses
 * {@link #sourceFd()} and {@link #targetFd()} only until the hook returns. The base class leaves the
 * channels when the hook returns or throws.
 *
 * <p>A context serves one transfer at a time. The base class takes contexts from a {@link StripedPool} shared
 * by all threads and gives them back when a transfer ends, so a transfer usually allocates no context (a
 * miss, when more transfers are in flight than the pool has slots nearby, makes a fresh one, which also
 * forgets the source size seen), and no thread (a virtual one included) keeps a context in a thread-local. A
 * hook must not keep the context, or anything that refers to it, after it returns.
 */
public final class TransferContext {

    private static final MethodHandle IS_VIRTUAL = isVirtual();

    /** Idle contexts. */
    private static final StripedPool<TransferContext> POOL = new StripedPool<>();

    private TransferEvent event;
    private boolean recording;
    private Channel source;
    private Channel target;
    private final ChannelGuard guard;
    private final StepResult stepResult = new StepResult();
    private final ChannelRegistration registration = new ChannelRegistration();
    private boolean nonBlocking;
    private boolean entered;
    private String mechanism = "none";
    private String fallbackReason;
    private int waits;
    private String protocol = "none";
    // the size last read of the last source file (see knownSize), kept across transfers
    private WeakReference<FileChannel> sizedFile;
    private long sizeSeen;

    /**
     * Starts a transfer's context and its event.
     *
     * @param provider the provider's name
     * @param source   the channel read from
     * @param target   the channel written to
     */
    public TransferContext(String provider, Channel source, Channel target) {
        this.guard = new ChannelGuard(source, target);
        begin(provider, source, target);
    }

    /** An idle context from the pool, or a fresh one; give it back with {@link #release()}. */
    static TransferContext take() {
        TransferContext idle = POOL.take();
        return idle != null ? idle : new TransferContext();
    }

    private TransferContext() {
        this.guard = new ChannelGuard(null, null);
    }

    /** Ends this context's use for a transfer: it keeps no reference to the channels, and goes back to the pool. */
    void release() {
        source = null;
        target = null;
        event = null;
        entered = false;
        registration.reset(null, null);
        guard.reset(null, null);
        POOL.give(this);
    }

    /** Starts this taken context for a transfer between two channels. */
    void start(String provider, Channel source, Channel target) {
        guard.reset(source, target);
        begin(provider, source, target);
    }

    private void begin(String provider, Channel source, Channel target) {
        this.source = source;
        this.target = target;
        this.nonBlocking = source instanceof SelectableChannel s && !s.isBlocking()
                || target instanceof SelectableChannel t && !t.isBlocking();
        this.entered = false;
        this.mechanism = "none";
        this.fallbackReason = null;
        this.waits = 0;
        this.protocol = "none";
        // The event class is touched only once the flight recorder runs: its first load costs about 0.1 s.
        this.recording = FlightRecorder.isInitialized() && TransferEvent.wanted();
        this.event = recording ? new TransferEvent() : null;
        if (recording) {
            event.begin();
            event.provider = provider;
            event.direction = ChannelKind.of(source).label() + "->" + ChannelKind.of(target).label();
        }
    }

    /**
     * The size this context last read of {@code file} if it was the last file asked about, else 0; the
     * JDK's size checks need no system call when the range asked for lies below it (see
     * {@link JdkTransferRules}).
     */
    long knownSize(FileChannel file) {
        WeakReference<FileChannel> sized = sizedFile;
        return sized != null && sized.get() == file ? sizeSeen : 0;
    }

    /**
     * Records a size just read from {@code file}: the last size read, so that a file seen to shrink is
     * bounded by its new size until it is read again.
     */
    void sizeRead(FileChannel file, long size) {
        WeakReference<FileChannel> sized = sizedFile;
        if (sized == null || sized.get() != file) {
            sizedFile = new WeakReference<>(file);
        }
        sizeSeen = size;
    }

    /** The result holder the copy loop reuses for each step of this transfer. */
    StepResult stepResult() {
        return stepResult;
    }

    /**
     * Enters both channels for system calls on their descriptors (see the class description). Channels
     * that are not the JDK's own file, socket or pipe channels, or whose descriptors cannot be read, are
     * not entered.
     *
     * @param ops the provider's {@code dup}, {@code close} and {@code poll}, used where the JDK's channel
     *            protocol is not open to this library
     * @return whether both channels were entered; if not, the hook must not issue system calls
     * @throws IOException if a channel is closed, with the JDK's exception; an interrupt pending at entry
     *         closes both channels and raises {@link dev.zerocopy.TransferInterruptedException}
     */
    public boolean enter(FdOps ops) throws IOException {
        if (entered) {
            throw new IllegalStateException("entered twice");
        }
        ChannelRegistration entering = registration.reset(source, target);
        try {
            if (!entering.enter(ops)) {
                return false;
            }
            guard.deferClose(entering.guest());
        } catch (ClosedByInterruptException e) {
            throw guard.interrupted(0);
        } catch (IOException e) {
            guard.check(0);
            throw e;
        }
        entered = true;
        protocol = entering.guest() ? "guest" : "dup";
        nonBlocking = entering.nonBlocking();
        return true;
    }

    /**
     * Returns the source's descriptor, valid until the hook returns.
     *
     * @return the descriptor
     * @throws IllegalStateException if the channels were not entered
     */
    public int sourceFd() {
        return entered().sourceFd();
    }

    /**
     * Returns the target's descriptor, valid until the hook returns.
     *
     * @return the descriptor
     * @throws IllegalStateException if the channels were not entered
     */
    public int targetFd() {
        return entered().targetFd();
    }

    /**
     * Tells whether the channels were entered through the JDK's own channel protocol ({@code guest}):
     * the JDK's close and interrupt then wake a system call that sleeps in the kernel, so no call needs
     * a bound of its own. Otherwise ({@code dup}) a call must not sleep without bound.
     *
     * @return whether the guest protocol holds the channels
     */
    public boolean guest() {
        return entered().guest();
    }

    /**
     * Waits until the source may be read (or has an error), for at most {@code millis}.
     *
     * @param millis the longest wait, positive
     * @return whether the source is (or may be) ready
     * @throws IOException if waiting fails
     */
    public boolean awaitSource(int millis) throws IOException {
        waits++;
        return entered().await(true, millis);
    }

    /**
     * Tells, without waiting, whether the source may be read now (or has an error, or has ended).
     *
     * @return whether a read would not wait
     * @throws IOException if the source cannot be polled
     */
    public boolean sourceReadyNow() throws IOException {
        return entered().readyNow(true);
    }

    /**
     * Tells, without waiting, how many bytes a blocking write into the target, a Linux TCP socket, may hand
     * over now without sleeping in the kernel: none while {@code poll} reports no room, else a quarter of
     * its send buffer, which Linux keeps free whenever it reports room.
     *
     * @return the bytes, 0 if the socket has no room now
     * @throws IOException if the socket cannot be polled or its send buffer read (it was closed)
     * @throws ClassCastException if the target is not a socket channel
     */
    public int targetRoomNow() throws IOException {
        return entered().readyNow(false) ? TickingWriter.room((SocketChannel) target) : 0;
    }

    /**
     * Waits until the target may be written (or has an error), for at most {@code millis}.
     *
     * @param millis the longest wait, positive
     * @return whether the target is (or may be) ready
     * @throws IOException if waiting fails
     */
    public boolean awaitTarget(int millis) throws IOException {
        waits++;
        return entered().await(false, millis);
    }

    private ChannelRegistration entered() {
        if (!entered) {
            throw new IllegalStateException("the channels were not entered");
        }
        return registration;
    }

    /**
     * Leaves the channels after the hook returned (nothing if it did not enter them).
     *
     * @param transferred the hook's result
     * @return {@code transferred}
     * @throws IOException the interrupt or close the JDK noticed while leaving, with the count
     */
    long leave(long transferred) throws IOException {
        if (!entered) {
            return transferred;
        }
        IOException noticed;
        try {
            noticed = registration.leave(transferred >= 0);
        } finally {
            entered = false;
            guard.deferClose(false);        // also runs a close an interrupt left pending
        }
        if (noticed instanceof ClosedByInterruptException) {
            throw guard.interrupted(Math.max(transferred, 0));
        }
        if (noticed instanceof AsynchronousCloseException) {
            throw new TransferClosedException(Math.max(transferred, 0));
        }
        if (noticed != null) {
            throw noticed;
        }
        return transferred;
    }

    /**
     * Leaves the channels after the hook threw and returns what to throw. The JDK's own {@code end()} is
     * the authority on interrupts: if it reports that an interrupt of this thread closed a channel, a close
     * the hook saw becomes the interrupt (both channels closed), with the hook's count.
     *
     * @param thrown what the hook threw
     * @return the exception to throw
     */
    Throwable abandon(Throwable thrown) {
        if (!entered) {
            return thrown;
        }
        IOException noticed;
        try {
            noticed = registration.leave(false);
        } finally {
            entered = false;
            guard.deferClose(false);
        }
        if (noticed instanceof ClosedByInterruptException && thrown instanceof TransferClosedException closed) {
            return guard.interrupted(closed.bytesTransferred());
        }
        return thrown;
    }

    /**
     * Tells whether EAGAIN must return the partial count rather than wait: whether a selectable channel
     * of the transfer is in non-blocking mode (read under its lock once the channels are entered).
     *
     * @return whether to return on EAGAIN
     */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /**
     * Returns the guard that watches for interrupts and closes.
     *
     * @return the guard
     */
    public ChannelGuard guard() {
        return guard;
    }

    /**
     * Records the mechanism that moves the bytes, such as {@code "sendfile"}.
     *
     * @param name the mechanism
     */
    public void mechanism(String name) {
        this.mechanism = name;
    }

    /**
     * Returns the mechanism recorded last.
     *
     * @return the mechanism, {@code "none"} if nothing was recorded
     */
    public String mechanism() {
        return mechanism;
    }

    /**
     * Records why a mechanism was not used (reasons accumulate in order) and returns
     * {@link CopyLoop#NOT_HANDLED}, for {@code return context.notHandled("...")}.
     *
     * @param reason a short reason, such as {@code "copy_file_range: EXDEV"}
     * @return {@link CopyLoop#NOT_HANDLED}
     */
    public long notHandled(String reason) {
        fallbackReason = fallbackReason == null ? reason : fallbackReason + "; " + reason;
        return CopyLoop.NOT_HANDLED;
    }

    /**
     * Returns the recorded fallback reasons, or {@code null}.
     *
     * @return the reasons
     */
    public String fallbackReason() {
        return fallbackReason;
    }

    /**
     * Ends the transfer and commits its event if a recording wants it.
     *
     * @param bytes the bytes transferred
     */
    void finish(long bytes) {
        if (recording && event.shouldCommit()) {
            event.end();
            event.mechanism = mechanism;
            event.bytes = bytes;
            event.fallbackReason = fallbackReason;
            event.protocol = protocol;
            event.waits = waits;
            event.virtualThread = onVirtualThread();
            event.commit();
        }
    }

    /**
     * Tells whether the current thread is a virtual thread (JDK 21 and later).
     *
     * @return whether it is
     */
    public static boolean onVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;   // JDK 17: no virtual threads
        }
    }
}
