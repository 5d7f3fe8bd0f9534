package dev.zerocopy.linux;

import static java.nio.file.StandardOpenOption.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers on virtual threads (JDK 21 and later; skipped with the reason before): a waiting transfer
 * parks on the JDK's poller and frees its carrier. The build runs this class in its own JVM with the
 * scheduler limited to two carriers ({@code -Djdk.virtualThreadScheduler.parallelism=2},
 * {@code maxPoolSize=2}).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualThreadTransferTest {

    private static final long SEED = 5;

    private final LinuxTransfer linux = new LinuxTransfer();

    @TempDir
    Path dir;

    /** A virtual thread per task (ExecutorService is AutoCloseable only from JDK 19 on). */
    private record Virtual(ExecutorService executor) implements AutoCloseable {
        <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
            return executor.submit(task);
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "virtual threads ended");
        }
    }

    private static Virtual virtualThreads() {
        return new Virtual(executor());
    }

    private static ExecutorService executor() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "no virtual threads on JDK " + Runtime.version().feature());
            throw new AssertionError(e);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Two hundred transfers to slow readers and one ticking virtual thread share two carriers: the ticker
     * is never late by more than 200 ms, no virtual thread is pinned for 20 ms or more, and every byte
     * arrives.
     */
    @Test
    void slowReadersDoNotStarveOtherVirtualThreads() throws Exception {
        int transfers = 200;
        long size = 4L << 20;
        Path in = dir.resolve("in");
        PseudoRandomStream.writeFile(in, SEED, size);
        long crc = Loopback.crcOf(SEED, size);
        Path dump = dir.resolve("pinned.jfr");
        AtomicLong worstLateness = new AtomicLong();
        AtomicLong ticks = new AtomicLong();
        List<Loopback> loops = new ArrayList<>();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(20)).withStackTrace();
            recording.start();
            List<Future<Long>> received = new ArrayList<>();
            ExecutorService readers = Executors.newFixedThreadPool(transfers);
            try (Virtual virtual = virtualThreads(); FileChannel source = FileChannel.open(in, READ)) {
                AtomicBoolean running = new AtomicBoolean(true);
                Future<?> ticker = virtual.submit(() -> {
                    tick(running, worstLateness, ticks);
                    return null;
                });
                List<Future<Long>> sent = new ArrayList<>();
                for (int i = 0; i < transfers; i++) {
                    Loopback loop = Loopback.open();
                    loops.add(loop);
                    received.add(readers.submit(() -> slowlyRead(loop.far(), crc)));
                    sent.add(virtual.submit(() -> {
                        try (SocketChannel near = loop.near()) {
                            return linux.transfer(source, 0, size, near);
                        }
                    }));
                }
                for (Future<Long> each : sent) {
                    assertEquals(size, each.get(100, TimeUnit.SECONDS));
                }
                running.set(false);
                ticker.get(10, TimeUnit.SECONDS);
            } finally {
                readers.shutdown();
            }
            for (Future<Long> each : received) {
                assertEquals(size, each.get(30, TimeUnit.SECONDS), "bytes right at a reader");
            }
            recording.stop();
            recording.dump(dump);
        } finally {
            for (Loopback loop : loops) {
                loop.close();
            }
        }
        List<RecordedEvent> pinned = RecordingFile.readAllEvents(dump).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
        assertTrue(pinned.isEmpty(), "virtual threads pinned for 20 ms or more: " + pinned);
        assertTrue(ticks.get() > 10, "the ticker ran " + ticks.get() + " times");
        assertTrue(worstLateness.get() < 200, "a tick was late by " + worstLateness.get() + " ms");
    }

    /** Waits 10 ms at a time and records how late it wakes: a starved scheduler shows here. */
    private static void tick(AtomicBoolean running, AtomicLong worstLateness, AtomicLong ticks) {
        while (running.get()) {
            long before = System.nanoTime();
            LockSupport.parkNanos(10_000_000);          // the work: wait 10 ms, as a timer task would
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            long late = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) - 10;
            worstLateness.accumulateAndGet(late, Math::max);
            ticks.incrementAndGet();
        }
    }

    /** Takes 64 KiB every 20 ms until the end of the stream; returns the count once its CRC is right. */
    private static long slowlyRead(SocketChannel far, long expectedCrc) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        CRC32C crc = new CRC32C();
        long total = 0;
        int n;
        while ((n = far.read(chunk.clear())) >= 0) {
            crc.update(chunk.flip());
            total += n;
            LockSupport.parkNanos(20_000_000);           // the reader's pace
        }
        return crc.getValue() == expectedCrc ? total : -total;
    }

    /** A transfer parked on a stalled peer ends on a close of the socket, of the file, or an interrupt. */
    @Test
    void aParkedTransferEndsOnCloseAndInterrupt() throws Exception {
        Path in = dir.resolve("in");
        long size = 64L << 20;
        PseudoRandomStream.writeFile(in, SEED, size);
        for (int how = 0; how < 3; how++) {
            try (Virtual virtual = virtualThreads(); FileChannel source = FileChannel.open(in, READ);
                    Loopback loop = Loopback.open()) {
                AtomicReference<Thread> transferring = new AtomicReference<>();
                Future<Long> transfer = virtual.submit(() -> {
                    transferring.set(Thread.currentThread());
                    return linux.transfer(source, 0, size, loop.near());
                });
                ByteBuffer some = ByteBuffer.allocate(1000);
                while (some.hasRemaining()) {
                    loop.far().read(some);               // bytes flow; then the peer stalls
                }
                waitUntilParked(transferring);
                long at = System.nanoTime();
                switch (how) {
                    case 0 -> loop.near().close();
                    case 1 -> source.close();
                    default -> transferring.get().interrupt();
                }
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> transfer.get(10, TimeUnit.SECONDS));
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at);
                Class<? extends Throwable> expected =
                        how == 2 ? ClosedByInterruptException.class : AsynchronousCloseException.class;
                assertTrue(expected.isInstance(e.getCause()), "case " + how + ": " + e.getCause());
                assertTrue(((PartialTransfer) e.getCause()).bytesTransferred() >= 1000);
                assertTrue(took < 1000, "case " + how + " ended " + took + " ms after");
                if (how == 2) {
                    assertFalse(source.isOpen());
                    assertFalse(loop.near().isOpen());
                }
            }
        }
    }

    /**
     * Waits until the transfer's thread is waiting (parked), not running, with its send buffer full; fails
     * after ten seconds: a transfer that waits pinned to its carrier (in a native poll) stays RUNNABLE.
     */
    private static void waitUntilParked(AtomicReference<Thread> thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING
                && thread.get().getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the transfer's virtual thread never parked: "
                    + (thread.get() == null ? "not started" : thread.get().getState()));
            Thread.onSpinWait();
        }
    }

    /** The event says the transfer ran on a virtual thread and how often it waited. */
    @Test
    void theEventRecordsTheVirtualThreadAndItsWaits() throws Exception {
        Path in = dir.resolve("in");
        long size = 8L << 20;
        PseudoRandomStream.writeFile(in, SEED, size);
        try (Virtual virtual = virtualThreads(); FileChannel source = FileChannel.open(in, READ);
                Loopback loop = Loopback.open()) {
            Future<Long> reader = Executors.newSingleThreadExecutor().submit(
                    () -> slowlyRead(loop.far(), Loopback.crcOf(SEED, size)));
            List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
                assertEquals(size, virtual.submit(() -> {
                    try (SocketChannel near = loop.near()) {
                        return linux.transfer(source, 0, size, near);
                    }
                }).get(60, TimeUnit.SECONDS));
            });
            assertEquals(size, reader.get(60, TimeUnit.SECONDS));
            assertEquals(1, events.size());
            assertTrue(events.get(0).virtualThread());
            assertTrue(events.get(0).waits() > 0, "a transfer to a slow reader waited");
            assertEquals("guest", events.get(0).protocol());
        }
    }
}
