package dev.zerocopy.it.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferFailedException;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.EmulatedOs;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.emulated.LinuxHost;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.FdAccess;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix, for each emulated system: the provider's real code over a kernel that cuts calls
 * short, reports progress with EINTR or EAGAIN, refuses the first call, fails after progress, or is
 * stalled by a peer that does not read. Every case checks the bytes both ends saw. The class runs twice
 * in the build: in the JDK's own channel protocol and with {@code -Ddev.zerocopy.protocol=dup}.
 */
@Timeout(60)
class EmulatedFaultMatrixTest {

    private static final long SEED = 77;

    /** Whether transfers run in the JDK's channel protocol: the default with the tests' add-opens. */
    private static final boolean GUEST = !"dup".equals(System.getProperty("dev.zerocopy.protocol"));

    @TempDir
    Path dir;

    private EmulatedKernel kernel;

    static List<EmulatedOs> systems() {
        return EmulatedSystems.all();
    }

    static Stream<Arguments> systemsAndNotHandledErrors() {
        return systems().stream().flatMap(os -> Stream.of(Errno.ENOSYS, Errno.EINVAL, Errno.EOPNOTSUPP)
                .map(errno -> Arguments.of(os, errno)));
    }

    @AfterEach
    void kernelIsClean() {
        if (kernel != null) {
            kernel.assertClean();
        }
    }

    private ZeroCopyTransfer boot(EmulatedOs os, FaultPlan plan) {
        kernel = os.boot(plan);
        return kernel.provider();
    }

    /** Sends the first {@code size} bytes of a file of {@code size}, expecting all of them to arrive. */
    private void sendsExactly(ZeroCopyTransfer provider, long size) throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, SEED, size);
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            Future<Long> received = pair.receiveInto(target);
            assertEquals(size, provider.transfer(file, 0, size, pair.near()), "sender's count");
            pair.near().shutdownOutput();
            assertEquals(size, received.get(30, TimeUnit.SECONDS), "receiver's count");
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(target, SEED, size), "first differing byte");
    }

    /** Sends a file whose transfer must fail after exactly {@code expected} bytes, which must all arrive. */
    private TransferFailedException failsAfter(ZeroCopyTransfer provider, long size, long expected) throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, SEED, size);
        TransferFailedException failure;
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            Future<Long> received = pair.receiveInto(target);
            failure = assertThrows(TransferFailedException.class, () -> provider.transfer(file, 0, size, pair.near()));
            pair.near().shutdownOutput();
            assertEquals(expected, received.get(30, TimeUnit.SECONDS), "bytes that reached the peer");
        }
        assertEquals(expected, failure.bytesTransferred(), failure.getMessage());
        assertTrue(failure.getMessage().contains("after " + expected + " bytes"), failure.getMessage());
        assertEquals(expected, PseudoRandomStream.firstMismatch(target, SEED, size), "the prefix is intact");
        return failure;
    }

    @ParameterizedTest
    @MethodSource("systems")
    void oneByteCalls(EmulatedOs os) throws Exception {
        sendsExactly(boot(os, FaultPlan.chunks(1)), 3001);
        assertEquals(3001, kernel.calls(), "one call per byte");
    }

    @ParameterizedTest
    @MethodSource("systems")
    void eintrWithPartialProgressNeitherDuplicatesNorSkips(EmulatedOs os) throws Exception {
        sendsExactly(boot(os, FaultPlan.progressWith(Errno.EINTR, 4093)), (1 << 20) + 11);
        assertEquals((1 << 20) + 11, kernel.moved());
    }

    @ParameterizedTest
    @MethodSource("systems")
    void eagainWithPartialProgress(EmulatedOs os) throws Exception {
        sendsExactly(boot(os, FaultPlan.progressWith(Errno.EAGAIN, 10_007)), (1 << 20) + 13);
    }

    @ParameterizedTest
    @MethodSource("systems")
    void eagainWithoutProgressOnEveryOtherCall(EmulatedOs os) throws Exception {
        sendsExactly(boot(os, FaultPlan.alternate(Errno.EAGAIN, 65_521)), (1 << 20) + 17);
        assertTrue(kernel.calls() >= 2 * ((1 << 20) / 65_521), "calls: " + kernel.calls());
    }

    @ParameterizedTest
    @MethodSource("systems")
    void eagainAfterAWholeChunk(EmulatedOs os) throws Exception {
        sendsExactly(boot(os, FaultPlan.progressWith(Errno.EAGAIN, Long.MAX_VALUE)), (9 << 20) + 3);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("systemsAndNotHandledErrors")
    void notHandledBeforeProgressFallsBack(EmulatedOs os, Errno errno) throws Exception {
        ZeroCopyTransfer provider = boot(os, FaultPlan.firstCall(errno));
        List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> sendsExactly(provider, 700_001));
        assertEquals(0, kernel.moved(), "the emulated sendfile moved nothing");
        assertEquals(1, kernel.calls());
        assertEquals(1, events.size(), events.toString());
        // before JDK 21 the portable path writes into a socket with the socket's own writes
        assertEquals(Runtime.version().feature() >= 21 ? "jdk" : "buffer", events.get(0).mechanism());
        assertEquals("sendfile: " + errno, events.get(0).fallbackReason());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("systemsAndNotHandledErrors")
    void notHandledAfterProgressIsAnErrorWithTheExactCount(EmulatedOs os, Errno errno) throws Exception {
        failsAfter(boot(os, FaultPlan.failAfter(123_457, errno)), 1 << 20, 123_457);
    }

    @ParameterizedTest
    @MethodSource("systems")
    void epipeAfterProgressIsAnErrorWithTheExactCount(EmulatedOs os) throws Exception {
        TransferFailedException failure = failsAfter(boot(os, FaultPlan.failAfter(300_001, Errno.EPIPE)), 1 << 20, 300_001);
        assertEquals("EPIPE", failure.errno());
    }

    static Stream<Arguments> bsdSystemsAndTheirNotARegularFileError() {
        // FreeBSD: EINVAL; macOS: ENOTSUP (45, not EOPNOTSUPP's 102). Solaris reports EINVAL too, which at
        // an offset at or past the size (a device's is 0) it must read as the end of the file.
        return Stream.of(Arguments.of(systems().get(0), "sendfile: EINVAL"),
                Arguments.of(systems().get(1), "sendfile: EOPNOTSUPP"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("bsdSystemsAndTheirNotARegularFileError")
    void aSourceThatIsNotARegularFileIsNotHandled(EmulatedOs os, String reason) throws Exception {
        ZeroCopyTransfer provider = boot(os, FaultPlan.none());
        List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
            try (Loopback pair = Loopback.open();
                    FileChannel zeros = FileChannel.open(Path.of("/dev/zero"), StandardOpenOption.READ)) {
                assertEquals(zeros.transferTo(0, 5000, pair.near()), provider.transfer(zeros, 0, 5000, pair.near()),
                        "the same count as the JDK's own transfer");
            }
        });
        if (Runtime.version().feature() < 21) {
            // JDK 17 transfers nothing from a file whose size reads as 0, before any system call
            assertEquals(List.of(), events);
            return;
        }
        assertEquals(1, events.size(), events.toString());
        assertEquals(reason, events.get(0).fallbackReason());
        assertEquals("jdk", events.get(0).mechanism());
        assertEquals(0, kernel.moved());
    }

    static Stream<Arguments> systemsAndTruncations() {
        // Truncated to 250 000 within the third call's range, or to 150 000, behind the offset it starts at.
        return systems().stream().flatMap(os -> Stream.of(Arguments.of(os, 250_000L, 250_000L),
                Arguments.of(os, 150_000L, 200_000L)));
    }

    @ParameterizedTest(name = "{0}: truncated to {1}")
    @MethodSource("systemsAndTruncations")
    void aSourceTruncatedMidCopyEndsTheTransfer(EmulatedOs os, long truncatedTo, long expected) throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, SEED, 1 << 20);
        ZeroCopyTransfer provider = boot(os, FaultPlan.chunks(100_000).before(2, "truncate", () -> {
            try (FileChannel shrink = FileChannel.open(source, StandardOpenOption.WRITE)) {
                shrink.truncate(truncatedTo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            Future<Long> received = pair.receiveInto(target);
            assertEquals(expected, provider.transfer(file, 0, 1 << 20, pair.near()), "the source ended");
            pair.near().shutdownOutput();
            assertEquals(expected, received.get(30, TimeUnit.SECONDS));
        }
        // Bytes still queued in the socket when the file shrank refer to its page cache (that is what zero
        // copy means), so those beyond the new size may arrive as zeros; the bytes before it are intact.
        long mismatch = PseudoRandomStream.firstMismatch(target, SEED, 1 << 20);
        assertTrue(mismatch >= truncatedTo && mismatch <= expected, "first differing byte: " + mismatch);
    }


    @ParameterizedTest
    @MethodSource("systems")
    void manyTransfersLeakNoDescriptor(EmulatedOs os) throws Exception {
        ZeroCopyTransfer provider = boot(os, FaultPlan.chunks(333));
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, SEED, 100_000);
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            Future<Long> received = pair.receiveInto(target);
            for (long position = 0; position < 100_000; position += 1000) {
                assertEquals(1000, provider.transfer(file, position, 1000, pair.near()));
            }
            pair.near().shutdownOutput();
            assertEquals(100_000, received.get(30, TimeUnit.SECONDS));
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(target, SEED, 100_000));
        assertEquals(100_000, kernel.moved());
    }

    @ParameterizedTest
    @MethodSource("systems")
    void concurrentTransfersFromOneSourceChannel(EmulatedOs os) throws Exception {
        ZeroCopyTransfer provider = boot(os, FaultPlan.chunks(50_021));
        long size = (2 << 20) + 5;
        Path source = dir.resolve("source");
        PseudoRandomStream.writeFile(source, SEED, size);
        List<Loopback> pairs = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            List<Future<Long>> sends = new ArrayList<>();
            List<Future<Long>> receives = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Loopback pair = Loopback.open();
                pairs.add(pair);
                receives.add(pair.receiveInto(dir.resolve("target-" + i)));
                sends.add(senders.submit(() -> {
                    long n = provider.transfer(file, 0, size, pair.near());
                    pair.near().shutdownOutput();
                    return n;
                }));
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(size, sends.get(i).get(30, TimeUnit.SECONDS));
                assertEquals(size, receives.get(i).get(30, TimeUnit.SECONDS));
                assertEquals(-1, PseudoRandomStream.firstMismatch(dir.resolve("target-" + i), SEED, size));
            }
        } finally {
            senders.shutdownNow();
            for (Loopback pair : pairs) {
                pair.close();
            }
        }
        assertEquals(4 * size, kernel.moved());
    }



    /** A transfer of a large file into a blocking socket whose peer reads nothing, stalled in sendfile. */
    private record Stalled(Loopback pair, FileChannel file, Thread thread, FutureTask<Long> sending)
            implements AutoCloseable {

        Throwable failure() {
            return assertThrows(ExecutionException.class, () -> sending.get(30, TimeUnit.SECONDS)).getCause();
        }

        @Override
        public void close() throws Exception {
            try (Loopback p = pair; FileChannel f = file) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    /**
     * Starts a stalled transfer and returns once the emulated sendfile has met the full buffer: it sleeps in
     * the kernel (the JDK's channel protocol) or reported EAGAIN when the one-tick send timeout expired
     * (duplicates).
     */
    private Stalled stall(EmulatedOs os) throws Exception {
        ZeroCopyTransfer provider = boot(os, FaultPlan.none());
        long size = 64L << 20;
        Loopback pair = Loopback.open();
        FileChannel file = FileChannel.open(EmulatedSystems.sparse(dir, size), StandardOpenOption.READ);
        FutureTask<Long> sending = new FutureTask<>(() -> provider.transfer(file, 0, size, pair.near()));
        Thread thread = new Thread(sending, "stalled-sender");
        thread.start();
        kernel.awaitStalled(FdAccess.fd(pair.near()));
        return new Stalled(pair, file, thread, sending);
    }

    /** Rule 8: a blocking sendfile into a peer that never reads must let the loop see an interrupt. */
    @ParameterizedTest
    @MethodSource("systems")
    void interruptEndsATransferStalledByThePeer(EmulatedOs os) throws Exception {
        try (Stalled stalled = stall(os)) {
            stalled.thread().interrupt();
            Throwable failure = stalled.failure();
            assertInstanceOf(ClosedByInterruptException.class, failure);
            long sent = ((PartialTransfer) failure).bytesTransferred();
            assertTrue(sent > 0 && sent == kernel.moved(), sent + " reported, " + kernel.moved() + " moved");
            assertFalse(stalled.pair().near().isOpen(), "the interrupt closes the channel");
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void asyncCloseEndsATransferStalledByThePeer(EmulatedOs os) throws Exception {
        try (Stalled stalled = stall(os)) {
            long bound = LinuxHost.sendTimeoutMicros(FdAccess.fd(stalled.pair().near()));
            stalled.pair().near().close();
            Throwable failure = stalled.failure();
            assertInstanceOf(AsynchronousCloseException.class, failure);
            assertEquals(kernel.moved(), ((PartialTransfer) failure).bytesTransferred());
            if (GUEST) {
                assertEquals(0, bound, "in the JDK's channel protocol no socket option changes");
            } else {
                // Linux stores SO_SNDTIMEO in scheduler ticks (up to 10 ms): 50 ms may read back a little larger.
                assertTrue(bound >= 50_000 && bound <= 60_000,
                        "a blocking socket's send timeout is one loop tick while the transfer runs: " + bound);
            }
        }
    }

    /**
     * A close of the file wakes a sendfile that sleeps in the kernel only with the JDK's signal (the file
     * channel waits for the transfer to leave): the emulated call reports it as its system does, EINTR or a
     * partial count with the bytes sent, and the loop sees the close.
     */
    @ParameterizedTest
    @MethodSource("systems")
    void closingTheFileEndsATransferStalledByThePeer(EmulatedOs os) throws Exception {
        try (Stalled stalled = stall(os)) {
            stalled.file().close();
            Throwable failure = stalled.failure();
            assertInstanceOf(AsynchronousCloseException.class, failure);
            assertEquals(kernel.moved(), ((PartialTransfer) failure).bytesTransferred());
            assertTrue(stalled.pair().near().isOpen(), "closing the file leaves the socket open");
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void aPeerResetFailsWithTheCountThatWasSent(EmulatedOs os) throws Exception {
        try (Stalled stalled = stall(os)) {
            stalled.pair().far().setOption(StandardSocketOptions.SO_LINGER, 0);
            stalled.pair().far().close();                         // RST: unread data is discarded
            TransferFailedException failed = assertInstanceOf(TransferFailedException.class, stalled.failure());
            assertTrue(List.of("ECONNRESET", "EPIPE").contains(failed.errno()), failed.getMessage());
            assertEquals(kernel.moved(), failed.bytesTransferred(), failed.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("systems")
    void theUsersSendTimeoutIsRestoredAndNonBlockingSocketsAreNotTouched(EmulatedOs os) throws Exception {
        ZeroCopyTransfer provider = boot(os, FaultPlan.none());
        Path source = dir.resolve("source");
        PseudoRandomStream.writeFile(source, SEED, 10_000);
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            int fd = FdAccess.fd(pair.near());
            assertEquals(0, LinuxHost.sendTimeoutMicros(fd), "a new socket has no send timeout");
            assertEquals(10_000, provider.transfer(file, 0, 10_000, pair.near()));
            assertEquals(0, LinuxHost.sendTimeoutMicros(fd), "restored after the transfer");
            assertEquals(0, kernel.setSendTimeout(fd, 5, 0));
            assertEquals(10_000, provider.transfer(file, 0, 10_000, pair.near()));
            assertEquals(5_000_000, LinuxHost.sendTimeoutMicros(fd), "the user's own timeout is restored");
            assertEquals(0, kernel.setSendTimeout(fd, 0, 0));
            pair.near().configureBlocking(false);
            assertEquals(10_000, provider.transfer(file, 0, 10_000, pair.near()));
            assertEquals(0, LinuxHost.sendTimeoutMicros(fd), "a non-blocking socket is never bounded");
        }
        assertEquals(30_000, kernel.moved());
    }
}
