package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.TransferClosedException;
import dev.zerocopy.TransferFailedException;
import dev.zerocopy.TransferInterruptedException;
import java.io.IOException;
import java.nio.channels.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each rule of {@link CopyLoop}, with a scripted step that shows what breaks without it. */
@Timeout(10)
class CopyLoopTest {

    /** A channel whose open state the test controls. */
    static final class FakeChannel implements Channel {
        final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public void close() {
            open.set(false);
        }
    }

    private final FakeChannel source = new FakeChannel();
    private final FakeChannel target = new FakeChannel();
    private final ChannelGuard guard = new ChannelGuard(source, target);

    private long run(ScriptedStep step, long position, long count, boolean nonBlocking) throws IOException {
        return new CopyLoop("test", step, 1000).run(position, count, nonBlocking, Readiness.immediate(), guard);
    }

    @Test
    void keepsCopyingAfterEveryPartialWrite() throws IOException {
        ScriptedStep step = new ScriptedStep().repeat(5, 100, Errno.NONE);
        assertEquals(2500, run(step, 0, 2500, false));
        // 5 short steps of 100, then full steps of the remaining 2000 capped at maxChunk 1000
        assertEquals(7, step.calls().size());
        assertEquals(new ScriptedStep.Call(500, 1000), step.calls().get(5));
    }

    @Test
    void chunksAreCappedAtMaxChunk() throws IOException {
        ScriptedStep step = new ScriptedStep();
        assertEquals(3500, run(step, 10, 3500, false));
        assertEquals(4, step.calls().size());
        assertEquals(new ScriptedStep.Call(3010, 500), step.calls().get(3));
    }

    @Test
    void eagainAfterTheWholeCountIsSuccess() throws IOException {
        ScriptedStep step = new ScriptedStep().then(1000, Errno.EAGAIN).then(500, Errno.EAGAIN);
        assertEquals(1500, run(step, 0, 1500, false));
        assertEquals(2, step.calls().size());
    }

    @Test
    void anyErrorWithTheLastBytesOfTheCountIsSuccess() throws IOException {
        ScriptedStep step = new ScriptedStep().then(700, Errno.EPIPE);
        assertEquals(700, run(step, 0, 700, false));
    }

    @Test
    void progressReportedWithEagainIsCountedOnce() throws IOException {
        ScriptedStep step = new ScriptedStep().then(300, Errno.EAGAIN).then(200, Errno.EINTR).then(0, Errno.EAGAIN);
        assertEquals(1000, run(step, 50, 1000, false));
        assertEquals(50, step.calls().get(0).position());
        assertEquals(350, step.calls().get(1).position());
        assertEquals(550, step.calls().get(2).position());
        assertEquals(new ScriptedStep.Call(550, 500), step.calls().get(3));
    }

    @Test
    void eintrRetriesAtTheAdvancedPosition() throws IOException {
        ScriptedStep step = new ScriptedStep().then(0, Errno.EINTR).then(0, Errno.EINTR).then(10, Errno.EINTR);
        assertEquals(100, run(step, 0, 100, false));
        assertEquals(4, step.calls().size());
        assertEquals(new ScriptedStep.Call(10, 90), step.calls().get(3));
    }

    @Test
    void shrinkingSourceEndsTheLoop() throws IOException {
        ScriptedStep step = new ScriptedStep().sourceLength(1234);
        assertEquals(1234, run(step, 0, 5000, false));
        assertEquals(3, step.calls().size(), "two steps move 1234 bytes, the third sees the end; no spinning");
    }

    @Test
    void nonBlockingReturnsPartialCountOnEagain() throws IOException {
        assertEquals(400, run(new ScriptedStep().then(400, Errno.EAGAIN), 0, 5000, true));
        assertEquals(0, run(new ScriptedStep().then(0, Errno.EAGAIN), 0, 5000, true));
        assertEquals(400, run(new ScriptedStep().then(400, Errno.NONE).then(0, Errno.EAGAIN), 0, 5000, true));
    }

    @Test
    void blockingWaitsForReadinessOnEagainAndContinues() throws IOException {
        AtomicInteger waits = new AtomicInteger();
        ScriptedStep step = new ScriptedStep().then(100, Errno.NONE).then(0, Errno.EAGAIN).then(0, Errno.EAGAIN);
        long n = new CopyLoop("test", step, 1000).run(0, 500, false, timeout -> waits.incrementAndGet() % 3 == 0,
                guard);
        assertEquals(500, n);
        assertEquals(6, waits.get(), "two EAGAINs, each ready on the third poll");
    }

    @Test
    void notHandledOnlyWhenNothingMoved() throws IOException {
        for (Errno errno : new Errno[] {Errno.ENOSYS, Errno.EINVAL, Errno.EOPNOTSUPP, Errno.EXDEV}) {
            ScriptedStep step = new ScriptedStep().then(0, errno);
            assertEquals(CopyLoop.NOT_HANDLED, run(step, 0, 100, false), errno.name());
            ScriptedStep later = new ScriptedStep().then(40, Errno.NONE).then(0, errno);
            TransferFailedException e = assertThrows(TransferFailedException.class, () -> run(later, 0, 100, false));
            assertEquals(40, e.bytesTransferred());
            assertEquals(errno.name(), e.errno());
        }
    }

    @Test
    void notHandledErrorWithProgressIsAFailureCountingThatProgress() {
        ScriptedStep step = new ScriptedStep().then(60, Errno.EINVAL);
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> run(step, 0, 100, false));
        assertEquals(60, e.bytesTransferred());
    }

    @Test
    void otherErrorsThrowWithSyscallErrnoAndBytes() {
        ScriptedStep step = new ScriptedStep().then(250, Errno.NONE).then(0, Errno.ECONNRESET);
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> run(step, 0, 1000, false));
        assertEquals(250, e.bytesTransferred());
        assertEquals("ECONNRESET", e.errno());
        assertEquals("test", e.syscall());
        assertTrue(e.getMessage().contains("ECONNRESET") && e.getMessage().contains("250"), e.getMessage());
    }

    @Test
    void interruptClosesBothChannelsAndReportsBytes() {
        ScriptedStep step = new ScriptedStep().then(100, Errno.NONE).then(0, Errno.EAGAIN);
        Readiness interruptingWait = timeout -> {
            Thread.currentThread().interrupt();
            return false;
        };
        TransferInterruptedException e = assertThrows(TransferInterruptedException.class,
                () -> new CopyLoop("test", step, 1000).run(0, 500, false, interruptingWait, guard));
        assertTrue(Thread.interrupted(), "interrupt status stays set");
        assertEquals(100, e.bytesTransferred());
        assertFalse(source.isOpen());
        assertFalse(target.isOpen());
    }

    @Test
    void asyncCloseDuringWaitIsObservedWithinATick() {
        ScriptedStep step = new ScriptedStep().then(0, Errno.EAGAIN);
        Readiness neverReady = timeout -> {
            target.close();
            return false;
        };
        TransferClosedException e = assertThrows(TransferClosedException.class,
                () -> new CopyLoop("test", step, 1000).run(0, 500, false, neverReady, guard));
        assertEquals(0, e.bytesTransferred());
        assertTrue(source.isOpen(), "only the caller's close happened");
    }

    /**
     * The JDK's close of a blocking socket with a registered reader puts a dead socket under the descriptor,
     * which reads as its end: an end seen while a channel was closed is that close, with the count.
     */
    @Test
    void anEndSeenAfterAnotherThreadClosedTheSourceIsTheClose() {
        AtomicInteger calls = new AtomicInteger();
        TransferStep step = (position, count, result) -> {
            if (calls.getAndIncrement() == 0) {
                result.moved(100);
            } else {
                source.close();
                result.moved(0);
            }
        };
        TransferClosedException e = assertThrows(TransferClosedException.class,
                () -> new CopyLoop("test", step, 1000).run(0, 500, false, Readiness.immediate(), guard));
        assertEquals(100, e.bytesTransferred());
    }

    @Test
    void unknownErrnoIsNamedByNumber() {
        TransferStep step = (position, count, result) -> result.failed(Errno.UNKNOWN, 222);
        TransferFailedException e = assertThrows(TransferFailedException.class,
                () -> new CopyLoop("x", step, 10).run(0, 5, false, Readiness.immediate(), guard));
        assertEquals("errno 222", e.errno());
    }

    @Test
    void notHandledWhileTheStepHoldsSourceBytesIsAFailureNotAFallback() {
        TransferStep holding = new TransferStep() {
            @Override
            public void run(long position, long count, StepResult result) {
                result.failed(Errno.EINVAL, 22);
            }

            @Override
            public boolean holdsBytes() {
                return true;
            }
        };
        TransferFailedException e = assertThrows(TransferFailedException.class,
                () -> new CopyLoop("splice", holding, 10).run(0, 5, false, Readiness.immediate(), guard));
        assertEquals(0, e.bytesTransferred());
    }

    @Test
    void nonBlockingWaitsWhileTheStepHoldsSourceBytes() throws IOException {
        AtomicInteger waits = new AtomicInteger();
        boolean[] holding = {true};
        TransferStep step = new TransferStep() {
            @Override
            public void run(long position, long count, StepResult result) {
                if (waits.get() == 0) {
                    result.failed(Errno.EAGAIN, 11);
                } else {
                    holding[0] = false;
                    result.moved(count);
                }
            }

            @Override
            public boolean holdsBytes() {
                return holding[0];
            }
        };
        assertEquals(5, new CopyLoop("splice", step, 10).run(0, 5, true, t -> waits.incrementAndGet() > 0, guard));
        assertEquals(1, waits.get());
    }

    @Test
    void channelErrorsBecomeExceptionsThatCountBytes() {
        IOException reset = guard.failed("read", new IOException("Connection reset"), 77);
        assertEquals(77, ((TransferFailedException) reset).bytesTransferred());
        assertTrue(reset.getMessage().contains("read") && reset.getMessage().contains("77"), reset.getMessage());
        assertEquals(5, ((TransferClosedException) guard.failed("write",
                new java.nio.channels.AsynchronousCloseException(), 5)).bytesTransferred());
        assertTrue(source.isOpen() && target.isOpen());
        assertEquals(9, ((TransferInterruptedException) guard.failed("transferTo",
                new java.nio.channels.ClosedByInterruptException(), 9)).bytesTransferred());
        assertFalse(source.isOpen() || target.isOpen(), "an interrupt closes both channels");
    }

    @Test
    void aTargetThatTakesNothingWhileBytesAreInFlightIsAFailure() {
        TransferStep stuck = new TransferStep() {
            @Override
            public void run(long position, long count, StepResult result) {
                result.moved(0);
            }

            @Override
            public boolean holdsBytes() {
                return true;
            }
        };
        TransferFailedException e = assertThrows(TransferFailedException.class,
                () -> new CopyLoop("splice", stuck, 10).run(0, 5, false, Readiness.immediate(), guard));
        assertEquals(0, e.bytesTransferred());
    }
}
