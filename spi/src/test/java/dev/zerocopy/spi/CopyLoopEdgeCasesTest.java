package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferClosedException;
import dev.zerocopy.TransferFailedException;
import dev.zerocopy.TransferInterruptedException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edges of {@link CopyLoop} and its collaborators that the rule-by-rule {@link CopyLoopTest} does not
 * reach: the chunk bound, a count of zero, the guard between steps of a transfer that never waits, no
 * wait after EAGAIN that came with bytes, the guard before a "not handled" or failed result, steps that
 * throw, the transfer's context, and {@link ChannelGuard}'s and {@link StepResult}'s own contracts.
 */
@Timeout(10)
class CopyLoopEdgeCasesTest {

    private final CopyLoopTest.FakeChannel source = new CopyLoopTest.FakeChannel();
    private final CopyLoopTest.FakeChannel target = new CopyLoopTest.FakeChannel();
    private final ChannelGuard guard = new ChannelGuard(source, target);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private long run(TransferStep step, long count) throws IOException {
        return new CopyLoop("test", step, 1000).run(0, count, false, Readiness.immediate(), guard);
    }

    @Test
    void theChunkBoundMustBePositive() {
        TransferStep step = new ScriptedStep();
        assertThrows(IllegalArgumentException.class, () -> new CopyLoop("test", step, 0));
        assertThrows(IllegalArgumentException.class, () -> new CopyLoop("test", step, -1));
        assertEquals("test", new CopyLoop("test", step, 1).syscall());
    }

    @Test
    void aCountOfZeroAsksNoStep() throws IOException {
        // A step asked for 0 bytes may read that as "until the end of the file" (BSD sendfile).
        ScriptedStep step = new ScriptedStep();
        assertEquals(0, run(step, 0));
        assertEquals(List.of(), step.calls());
    }

    @Test
    void anInterruptDuringATransferThatNeverWaitsIsSeenBeforeTheNextStep() {
        AtomicInteger calls = new AtomicInteger();
        TransferStep step = (position, count, result) -> {
            if (calls.incrementAndGet() == 1) {
                Thread.currentThread().interrupt();
            }
            result.moved(100);
        };
        TransferInterruptedException e = assertThrows(TransferInterruptedException.class, () -> run(step, 500));
        assertEquals(100, e.bytesTransferred());
        assertEquals(1, calls.get(), "no step after the interrupt");
        assertFalse(source.isOpen() || target.isOpen(), "an interrupt closes both channels");
    }

    @Test
    void aCloseDuringATransferThatNeverWaitsIsSeenBeforeTheNextStep() {
        AtomicInteger calls = new AtomicInteger();
        TransferStep step = (position, count, result) -> {
            if (calls.incrementAndGet() == 2) {
                target.close();
            }
            result.moved(100);
        };
        TransferClosedException e = assertThrows(TransferClosedException.class, () -> run(step, 500));
        assertEquals(200, e.bytesTransferred());
        assertEquals(2, calls.get(), "no step after the close");
        assertTrue(source.isOpen(), "only the caller's close happened");
    }

    @Test
    void eagainThatCameWithBytesRetriesAtOnceWithoutWaiting() throws IOException {
        ScriptedStep step = new ScriptedStep().then(100, Errno.EAGAIN).then(100, Errno.EAGAIN);
        AtomicInteger waits = new AtomicInteger();
        Readiness counting = timeout -> waits.incrementAndGet() > 0;
        assertEquals(500, new CopyLoop("test", step, 1000).run(0, 500, false, counting, guard));
        assertEquals(0, waits.get(), "the buffer took bytes, so it may take more");
        assertEquals(3, step.calls().size());
    }

    @Test
    void notHandledCausedByAConcurrentCloseIsTheClose() {
        TransferStep step = (position, count, result) -> {
            target.close();
            result.failed(Errno.EINVAL, 22);
        };
        assertThrows(TransferClosedException.class, () -> run(step, 500));
    }

    @Test
    void aFailureCausedByAConcurrentCloseIsTheClose() {
        AtomicInteger calls = new AtomicInteger();
        TransferStep step = (position, count, result) -> {
            if (calls.incrementAndGet() == 1) {
                result.moved(40);
            } else {
                target.close();
                result.failed(Errno.EBADF, 9);
            }
        };
        TransferClosedException e = assertThrows(TransferClosedException.class, () -> run(step, 500));
        assertEquals(40, e.bytesTransferred());
    }

    /** A step that moves 300 bytes, then throws what {@code failure} throws. */
    private static TransferStep movesThenThrows(TransferStep failure) {
        AtomicInteger calls = new AtomicInteger();
        return (position, count, result) -> {
            if (calls.incrementAndGet() == 1) {
                result.moved(300);
            } else {
                failure.run(position, count, result);
            }
        };
    }

    @Test
    void aStepThatThrowsAfterProgressReportsTheBytes() {
        TransferStep step = movesThenThrows((position, count, result) -> {
            throw new IOException("the call reported more than it was asked for");
        });
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> run(step, 500));
        assertEquals(300, e.bytesTransferred());
        assertEquals("test", e.syscall());
    }

    @Test
    void aStepThatThrowsAnUncheckedExceptionAfterProgressReportsTheBytes() {
        TransferStep step = movesThenThrows((position, count, result) -> {
            throw new IllegalStateException("a pipe that should be empty is not");
        });
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> run(step, 500));
        assertEquals(300, e.bytesTransferred());
        assertInstanceOf(IllegalStateException.class, e.getCause().getCause());
    }

    @Test
    void aStepThatThrowsBecauseOfAConcurrentCloseReportsTheClose() {
        TransferStep checked = (position, count, result) -> {
            target.close();
            throw new IOException("Bad file descriptor");
        };
        assertThrows(TransferClosedException.class, () -> run(checked, 500));
        target.open.set(true);
        TransferStep unchecked = (position, count, result) -> {
            target.close();
            throw new IllegalStateException("closed under the step");
        };
        assertThrows(TransferClosedException.class, () -> run(unchecked, 500));
    }

    @Test
    void runningInAContextRecordsTheMechanismAndWhyTheStepDidNotHandleThePair() throws IOException {
        TransferContext context = new TransferContext("test", source, target);
        TransferStep notHandled = (position, count, result) -> result.failed(Errno.EXDEV, 18);
        assertEquals(CopyLoop.NOT_HANDLED,
                new CopyLoop("copy_file_range", notHandled, 1000).run(0, 500, Readiness.immediate(), context));
        assertEquals("copy_file_range", context.mechanism());
        assertEquals("copy_file_range: EXDEV", context.fallbackReason());

        TransferContext handled = new TransferContext("test", source, target);
        assertEquals(500, new CopyLoop("sendfile", new ScriptedStep(), 1000)
                .run(0, 500, Readiness.immediate(), handled));
        assertEquals("sendfile", handled.mechanism());
        assertNull(handled.fallbackReason());
    }

    @Test
    void theGuardSeesEitherChannelClosed() throws IOException {
        guard.check(0);
        source.close();
        assertEquals(7, assertThrows(TransferClosedException.class, () -> guard.check(7)).bytesTransferred());
        source.open.set(true);
        target.close();
        assertEquals(8, assertThrows(TransferClosedException.class, () -> guard.check(8)).bytesTransferred());
    }

    @Test
    void anInterruptWhileClosesAreDeferredClosesTheChannelsWhenDeferralEnds() {
        guard.deferClose(true);
        guard.deferClose(false);
        assertTrue(source.isOpen() && target.isOpen(), "ending a deferral without an interrupt closes nothing");
        guard.deferClose(true);
        assertEquals(5, guard.interrupted(5).bytesTransferred());
        assertTrue(source.isOpen() && target.isOpen(), "closing now would wait for this transfer itself");
        guard.deferClose(true);
        assertTrue(source.isOpen() && target.isOpen(), "still deferred");
        guard.deferClose(false);
        assertFalse(source.isOpen() || target.isOpen());
    }

    @Test
    void failuresThatAlreadySayWhatHappenedPassUnchanged() {
        IOException partial = new TransferFailedException("sendfile", "EIO", "Input/output error", 3);
        assertSame(partial, guard.failed("read", partial, 10));
        assertEquals(3, ((PartialTransfer) guard.failed("read", partial, 10)).bytesTransferred());
        IOException closed = new ClosedChannelException();
        assertSame(closed, guard.failed("write", closed, 10));
        assertTrue(source.isOpen() && target.isOpen());
    }

    @Test
    void aStepResultRecordsWhatItIsTold() {
        StepResult result = new StepResult();
        assertSame(result, result.failed(Errno.EINVAL, 22));
        assertEquals(0, result.bytes());
        assertEquals(Errno.EINVAL, result.errno());
        assertEquals(22, result.number());
        assertSame(result, result.set(5, Errno.EAGAIN, 11));
        assertEquals(5, result.bytes());
        assertEquals(11, result.number());
        assertThrows(IllegalArgumentException.class, () -> result.set(-1, Errno.NONE, 0));
        assertEquals("errno 4711", result.failed(Errno.UNKNOWN, 4711).errnoName());
        assertEquals("EINVAL", result.failed(Errno.EINVAL, 22).errnoName());
    }
}
