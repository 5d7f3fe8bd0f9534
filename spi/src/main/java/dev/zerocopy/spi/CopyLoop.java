package dev.zerocopy.spi;

import dev.zerocopy.TransferFailedException;
import java.io.IOException;

/**
 * The one copy loop every provider uses. It calls a provider's {@link TransferStep} until the count is
 * reached, the source ends, or the target cannot take more without blocking, and it applies these rules,
 * in this order, to what each step reports:
 * <ol>
 *   <li>bytes moved (more than zero) advance the position and the total, whatever error came with them;</li>
 *   <li>once the whole count has moved, the transfer has succeeded, whatever error came with the last
 *       bytes (macOS reports EAGAIN after a full chunk);</li>
 *   <li>no error and no bytes: the source ended (it may have shrunk); the loop stops and never spins —
 *       unless a channel was closed meanwhile, which is reported as the close (the JDK's close of a
 *       blocking socket in use puts a dead socket under its descriptor, which reads as an end);</li>
 *   <li>EINTR: the step is repeated at the advanced position;</li>
 *   <li>EAGAIN: in non-blocking mode the loop returns the total so far (possibly zero), as NIO's
 *       non-blocking channels do, unless the step {@linkplain TransferStep#holdsBytes() holds bytes} it
 *       took from the source; otherwise it waits for readiness and repeats;</li>
 *   <li>an error that {@linkplain Errno#meansNotHandled() means "not handled"} with nothing moved yet
 *       (and nothing held by the step): {@link #NOT_HANDLED}, nothing was modified and the caller tries
 *       its next mechanism;</li>
 *   <li>any other error (or a "not handled" error after progress): a {@link TransferFailedException}
 *       naming the call, the error and the bytes transferred.</li>
 * </ol>
 * Between steps, and during waits every {@link #WAIT_TICK_MILLIS} ms, the {@link ChannelGuard} observes
 * interrupts and asynchronous closes; an error from a step is reported as a close or an interrupt when
 * one happened (a close from another thread makes the JDK signal the call out of the kernel). An
 * exception a step throws carries the bytes transferred before it, like every failure of the loop.
 *
 * <p>A loop is immutable and holds no state between runs; {@link #copy} runs one without making one.
 */
public final class CopyLoop {

    /** Returned when the step does not support this pair of descriptors and nothing was transferred. */
    public static final long NOT_HANDLED = -2;

    /**
     * The longest single wait for readiness: interrupts and closes are observed at least this often. Short
     * enough that a closing thread sees the transfer end well within a second, long enough that an idle
     * wait costs nothing measurable.
     */
    public static final int WAIT_TICK_MILLIS = 50;

    private final String syscall;
    private final TransferStep step;
    private final long maxChunk;

    /**
     * Creates a loop around one kind of step.
     *
     * @param syscall  the system call's name, for exceptions and events
     * @param step     the step
     * @param maxChunk the most bytes to ask one step for, positive
     */
    public CopyLoop(String syscall, TransferStep step, long maxChunk) {
        requirePositive(maxChunk);
        this.syscall = syscall;
        this.step = step;
        this.maxChunk = maxChunk;
    }

    /**
     * Returns the system call's name.
     *
     * @return the name
     */
    public String syscall() {
        return syscall;
    }

    /**
     * Runs the loop for a transfer: records this loop's system call as the transfer's mechanism, takes
     * the non-blocking mode and the guard from the context, and records why if the step did not handle the
     * pair.
     *
     * @param position  the first file offset (ignored by steps without one)
     * @param count     the most bytes to transfer, at least 1
     * @param readiness the wait to use on EAGAIN in blocking mode
     * @param context   the transfer's context
     * @return the bytes transferred, or {@link #NOT_HANDLED}
     * @throws IOException as described in the class documentation
     */
    public long run(long position, long count, Readiness readiness, TransferContext context) throws IOException {
        return copy(syscall, step, maxChunk, position, count, readiness, context);
    }

    /**
     * Runs a loop for a transfer without making a loop object: as {@link #run(long, long, Readiness,
     * TransferContext)} of {@code new CopyLoop(syscall, step, maxChunk)}.
     *
     * @param syscall   the system call's name, for exceptions and events
     * @param step      the step
     * @param maxChunk  the most bytes to ask one step for, positive
     * @param position  the first file offset (ignored by steps without one)
     * @param count     the most bytes to transfer, at least 1
     * @param readiness the wait to use on EAGAIN in blocking mode
     * @param context   the transfer's context
     * @return the bytes transferred, or {@link #NOT_HANDLED}
     * @throws IOException as described in the class documentation
     */
    public static long copy(String syscall, TransferStep step, long maxChunk, long position, long count,
            Readiness readiness, TransferContext context) throws IOException {
        requirePositive(maxChunk);
        context.mechanism(syscall);
        return loop(syscall, step, maxChunk, position, count, context.nonBlocking(), readiness, context.guard(),
                context);
    }

    /**
     * Runs the loop outside a transfer's context (tests, benchmarks): as
     * {@link #run(long, long, Readiness, TransferContext)}, without recording anything.
     *
     * @param position    the first file offset (ignored by steps without one)
     * @param count       the most bytes to transfer, at least 1
     * @param nonBlocking whether the caller's channel is in non-blocking mode: EAGAIN returns the total
     * @param readiness   the wait to use on EAGAIN in blocking mode
     * @param guard       what observes interrupts and closes
     * @return the bytes transferred, or {@link #NOT_HANDLED}
     * @throws IOException as described in the class documentation
     */
    public long run(long position, long count, boolean nonBlocking, Readiness readiness, ChannelGuard guard)
            throws IOException {
        return loop(syscall, step, maxChunk, position, count, nonBlocking, readiness, guard, null);
    }

    private static long loop(String syscall, TransferStep step, long maxChunk, long position, long count,
            boolean nonBlocking, Readiness readiness, ChannelGuard guard, TransferContext context)
            throws IOException {
        StepResult result = context != null ? context.stepResult() : new StepResult();
        long written = 0;
        while (written < count) {
            guard.check(written);
            try {
                step.run(position + written, Math.min(count - written, maxChunk), result.moved(0));
            } catch (IOException e) {
                guard.check(written);
                throw guard.failed(syscall, e, written);
            } catch (RuntimeException e) {
                guard.check(written);
                throw new TransferFailedException(syscall, new IOException(e.toString(), e), written);
            }
            long moved = result.bytes();
            written += moved;                                         // rule 1
            if (written >= count) {
                break;                                                // rule 2
            }
            switch (result.errno()) {
                case NONE:
                    if (moved == 0) {
                        if (step.holdsBytes()) {                      // a target that takes nothing
                            throw new TransferFailedException(syscall, "EIO",
                                    "the target took no bytes while some were in flight", written);
                        }
                        guard.check(written);                         // a close reads as the end
                        return written;                               // rule 3
                    }
                    break;
                case EINTR:
                    break;                                            // rule 4
                case EAGAIN:
                    if (nonBlocking && !step.holdsBytes()) {
                        return written;                               // rule 5
                    }
                    if (moved == 0) {
                        awaitReady(readiness, guard, written);
                    }
                    break;
                default:
                    if (written == 0 && result.errno().meansNotHandled() && !step.holdsBytes()) {
                        guard.check(written);                         // not a closed descriptor's error
                        return context == null ? NOT_HANDLED          // rule 6
                                : context.notHandled(syscall + ": " + result.errno().name());
                    }
                    guard.check(written);                             // a close or interrupt caused it
                    throw new TransferFailedException(syscall, result.errnoName(),   // rule 7
                            result.errno().description(), written);
            }
        }
        return written;
    }

    private static void requirePositive(long maxChunk) {
        if (maxChunk <= 0) {
            throw new IllegalArgumentException("maxChunk " + maxChunk);
        }
    }

    private static void awaitReady(Readiness readiness, ChannelGuard guard, long written) throws IOException {
        while (!readiness.await(WAIT_TICK_MILLIS)) {
            guard.check(written);
        }
    }
}
