package dev.zerocopy.linux;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferFailedException;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import dev.zerocopy.spi.RecordedTransfers.Transfer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Linux provider's own paths and failure modes, on the real kernel with real fds and sockets. */
@Timeout(120)
class LinuxTransferTest {

    private static final long SEED = 77;
    private static final long BIG = 64L << 20;

    private final LinuxTransfer linux = new LinuxTransfer();

    @TempDir
    Path dir;

    private Path file(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        PseudoRandomStream.writeFile(file, SEED, size);
        return file;
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Other JVM threads may open or close a descriptor meanwhile; a leak per transfer would show thousands. */
    private static void assertNoGrowth(long before) throws IOException {
        long after = openFds();
        assertTrue(after <= before + 3, "descriptors before " + before + ", after " + after);
    }

    /**
     * A relay from a quiet blocking socket into a pipe leaves the pipe to its reader while it waits for the
     * socket: a splice that slept in the socket's receive would hold the pipe's lock, so that even a
     * non-blocking read of the pipe would wait for the socket's next bytes. The read is made once the relay
     * has moved the first bytes and sleeps in the kernel; a hang fails by the timeout.
     */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)     // a read stuck in the kernel
    void aPipesReaderIsNotLockedOutWhileTheRelayWaitsForTheSocket() throws Exception {
        Pipe pipe = Pipe.open();
        try (Loopback loop = Loopback.open(); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            ByteBuffer sent = ByteBuffer.allocate(4096);
            while (sent.hasRemaining()) {
                loop.far().write(sent);                 // and the peer stays open: the socket falls quiet
            }
            FutureTask<Long> relay = relay("zc-pipe-relay", () -> linux.transfer(loop.near(), sink));
            ByteBuffer got = ByteBuffer.allocate(8192);
            while (got.position() < 4096) {
                assertTrue(source.read(got) > 0, "the pipe ended early");
            }
            awaitSleeping("zc-pipe-relay");
            source.configureBlocking(false);
            assertEquals(0, source.read(got), "nothing more yet, and no wait for the socket");
            loop.far().shutdownOutput();
            assertEquals(4096, relay.get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * The mirror case: a relay from a pipe into a blocking socket whose peer does not read leaves the pipe
     * to its writers while it waits for the socket: a splice that slept in the socket's send would hold the
     * pipe's lock, so that even a non-blocking write into the pipe would wait for the peer (measured on
     * 6.18: the writer in state D in {@code anon_pipe_write}, the relay in {@code wait_woken}). Small socket
     * buffers make the send wait for room while the pipe still holds bytes. The writes are made until the
     * socket and the pipe are full and the relay sleeps; a hang fails by the timeout.
     */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)     // a write stuck in the kernel
    void aPipesWriterIsNotLockedOutWhileTheRelayWaitsForTheSocket() throws Exception {
        Pipe pipe = Pipe.open();
        try (Loopback loop = Loopback.open(); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            loop.near().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            loop.far().setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            FutureTask<Long> relay = relay("zc-socket-relay", () -> linux.transfer(source, loop.near()));
            sink.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long written = 0;
            int refused = 0;
            while (refused < 3) {       // the pipe refused thrice in a row while the relay, past its start, slept
                if (relay.isDone()) {
                    relay.get();                        // the relay's failure, not a timeout
                    throw new AssertionError("the relay ended while the pipe was open");
                }
                chunk.clear();
                int n = sink.write(chunk);
                written += n;
                if (n > 0) {
                    refused = 0;
                    continue;
                }
                refused = written > chunk.capacity() && sleeping("zc-socket-relay") ? refused + 1 : 0;
                LockSupport.parkNanos(10_000_000);
            }
            Future<Loopback.Received> received = loop.readAllOnPeer();
            sink.close();
            assertEquals(written, relay.get(20, TimeUnit.SECONDS));
            loop.near().shutdownOutput();
            assertEquals(written, received.get(20, TimeUnit.SECONDS).bytes());
        }
    }

    /**
     * Runs a transfer on a daemon thread that names itself {@code name} (so the kernel's name of the thread
     * is that too, for {@link #sleeping}).
     */
    private static FutureTask<Long> relay(String name, java.util.concurrent.Callable<Long> transfer) {
        FutureTask<Long> relay = new FutureTask<>(() -> {
            Thread.currentThread().setName(name);
            return transfer.call();
        });
        Thread thread = new Thread(relay);
        thread.setDaemon(true);
        thread.start();
        return relay;
    }

    /** Waits until the native thread named {@code name} sleeps in the kernel ({@code /proc} state S). */
    private static void awaitSleeping(String name) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (sleeping(name)) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new AssertionError(name + " never slept in the kernel");
    }

    /** Whether the native thread named {@code name} sleeps in the kernel now ({@code /proc} state S). */
    private static boolean sleeping(String name) throws IOException {
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).trim().equals(name)) {
                    String stat = Files.readString(task.resolve("stat"));
                    return stat.substring(stat.lastIndexOf(')') + 2).startsWith("S");
                }
            }
        } catch (IOException | RuntimeException gone) {
            // a task ended while listed: not known to sleep
        }
        return false;
    }

    @Test
    void isUsableHere() {
        assertTrue(linux.availability().usable(), linux.availability().reason());
    }

    /**
     * JDK 22+ with native access calls through java.lang.foreign unless JNA is asked for; older JDKs through
     * JNA. The rest of this suite runs in both bindings (the dup-protocol execution asks for JNA).
     */
    @Test
    void callsThroughTheBindingThisJdkOffers() {
        boolean foreign = Runtime.version().feature() >= 22
                && !"jna".equals(System.getProperty(ForeignLinker.PROPERTY));
        assertEquals(foreign ? "foreign" : "jna", Syscalls.binding());
        assertTrue(linux.availability().reason().endsWith("calls through " + Syscalls.binding()),
                linux.availability().reason());
    }

    @Test
    void eachPairUsesItsSystemCall() throws Exception {
        Path in = file("in", 1 << 20);
        List<Transfer> events = RecordedTransfers.of(() -> {
            try (FileChannel source = FileChannel.open(in, READ);
                    FileChannel target = FileChannel.open(dir.resolve("out"), CREATE, READ, WRITE);
                    Loopback a = Loopback.open(); Loopback b = Loopback.open()) {
                Future<Loopback.Received> received = a.readAllOnPeer();
                linux.transfer(source, 0, 1 << 20, a.near());
                a.near().shutdownOutput();
                received.get();
                linux.transfer(source, 0, 1 << 20, target);
                b.writeOnPeer(SEED, 1 << 20);
                linux.transfer(b.near(), target, 0, 1 << 20);
            }
            try (Loopback in1 = Loopback.open(); Loopback out1 = Loopback.open()) {
                in1.writeOnPeer(SEED, 1 << 20);
                Future<Loopback.Received> received = out1.readAllOnPeer();
                linux.transfer(in1.near(), out1.near());
                out1.near().shutdownOutput();
                assertEquals(1 << 20, received.get().bytes());
            }
        });
        assertEquals(List.of("file->socket sendfile", "file->file copy_file_range", "socket->file splice",
                "socket->socket splice"), events.stream().map(e -> e.direction() + " " + e.mechanism()).toList());
        events.forEach(e -> assertEquals(1 << 20, e.bytes()));
        events.forEach(e -> assertEquals(null, e.fallbackReason()));
    }

    @Test
    void pipeChannelsAreSplicedDirectly() throws Exception {
        Path in = file("in", 3_000_001);
        Path out = dir.resolve("out");
        Pipe pipe = Pipe.open();
        List<Transfer> events = RecordedTransfers.of(() -> {
            try (FileChannel source = FileChannel.open(in, READ);
                    FileChannel target = FileChannel.open(out, CREATE, WRITE);
                    Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel pipeSource = pipe.source()) {
                FutureTask<Long> reader = new FutureTask<>(() -> linux.transfer(pipeSource, target, 0, 3_000_001));
                new Thread(reader, "pipe-reader").start();
                assertEquals(3_000_001, linux.transfer(source, 0, 3_000_001, sink));
                sink.close();
                assertEquals(3_000_001, reader.get());
            }
        });
        assertEquals(-1, PseudoRandomStream.firstMismatch(out, SEED, 3_000_001));
        assertEquals(List.of("file->pipe splice", "pipe->file splice"),
                events.stream().map(e -> e.direction() + " " + e.mechanism()).sorted().toList());
    }

    @Test
    void peerResetNamesTheErrnoAndTheBytesThatMadeIt() throws Exception {
        try (FileChannel source = FileChannel.open(file("in", BIG), READ); Loopback loop = Loopback.open()) {
            CountDownLatch readSome = new CountDownLatch(1);
            Thread peer = new Thread(() -> {
                try {
                    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                    while (buffer.hasRemaining()) {
                        loop.far().read(buffer);
                    }
                    loop.far().setOption(StandardSocketOptions.SO_LINGER, 0);
                    loop.far().close();       // RST: unread bytes are discarded
                } catch (IOException e) {
                    throw new AssertionError(e);
                } finally {
                    readSome.countDown();
                }
            });
            peer.start();
            TransferFailedException e = assertThrows(TransferFailedException.class,
                    () -> linux.transfer(source, 0, BIG, loop.near()));
            readSome.await();
            assertTrue(List.of("ECONNRESET", "EPIPE").contains(e.errno()), e.getMessage());
            assertEquals("sendfile", e.syscall());
            assertTrue(e.bytesTransferred() >= 1 << 20 && e.bytesTransferred() < BIG, e.getMessage());
            assertTrue(e.getMessage().contains(Long.toString(e.bytesTransferred())), e.getMessage());
        }
    }

    @Test
    void sourceTruncatedMidTransferEndsShortWithoutSpinning() throws Exception {
        Path in = file("in", BIG);
        try (FileChannel source = FileChannel.open(in, READ); Loopback loop = Loopback.open();
                FileChannel truncator = FileChannel.open(in, WRITE)) {
            Future<Loopback.Received> received = Executors.newSingleThreadExecutor().submit(() -> {
                ByteBuffer first = ByteBuffer.allocate(1 << 20);
                while (first.hasRemaining()) {
                    loop.far().read(first);
                }
                truncator.truncate(2 << 20);      // the file shrinks while the transfer runs
                CRC32C crc = new CRC32C();
                crc.update(first.flip());
                long total = 1 << 20;
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                while (loop.far().read(buffer.clear()) >= 0) {
                    total += buffer.flip().remaining();
                    crc.update(buffer);
                }
                return new Loopback.Received(total, crc.getValue());
            });
            long sent = linux.transfer(source, 0, BIG, loop.near());
            loop.near().shutdownOutput();
            assertTrue(sent >= 2 << 20 && sent < BIG, "ends short at the new end: " + sent);
            assertEquals(new Loopback.Received(sent, Loopback.crcOf(SEED, sent)), received.get());
        }
    }

    @Test
    void positionsBeyondFourGibibytesInASparseFile() throws Exception {
        long position = (4L << 30) + 12345;
        Path sparse = dir.resolve("sparse");
        try (RandomAccessFile raf = new RandomAccessFile(sparse.toFile(), "rw")) {
            raf.setLength(5L << 30);
        }
        Path chunk = file("chunk", 1 << 20);
        try (FileChannel target = FileChannel.open(sparse, READ, WRITE); Loopback loop = Loopback.open();
                FileChannel chunkChannel = FileChannel.open(chunk, READ)) {
            loop.writeOnPeer(SEED, 1 << 20);
            assertEquals(1 << 20, linux.transfer(loop.near(), target, position, 1 << 20), "socket->file");
            Future<Loopback.Received> received = loop.readAllOnPeer();
            assertEquals(1 << 20, linux.transfer(target, position, 1 << 20, loop.near()), "file->socket");
            loop.near().shutdownOutput();
            assertEquals(new Loopback.Received(1 << 20, Loopback.crcOf(SEED, 1 << 20)), received.get());
            Path copy = dir.resolve("copy");
            try (FileChannel copyChannel = FileChannel.open(copy, CREATE, WRITE)) {
                assertEquals(1 << 20, linux.transfer(target, position, 1 << 20, copyChannel), "file->file");
            }
            assertEquals(-1, PseudoRandomStream.firstMismatch(copy, SEED, 1 << 20));
            assertEquals(5L << 30, target.size());
            assertEquals(0, target.position());
        }
    }

    @Test
    void blockingTargetWithSlowReaderCompletesWithoutBusyWaiting() throws Exception {
        long size = 16L << 20;
        try (FileChannel source = FileChannel.open(file("in", size), READ); Loopback loop = Loopback.open()) {
            Future<Loopback.Received> received = Executors.newSingleThreadExecutor().submit(() -> {
                CRC32C crc = new CRC32C();
                ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
                long total = 0;
                while (loop.far().read(buffer.clear()) >= 0) {
                    total += buffer.flip().remaining();
                    crc.update(buffer);
                    LockSupport.parkNanos(2_000_000);   // pacing: a slow reader, not synchronisation
                }
                return new Loopback.Received(total, crc.getValue());
            });
            var threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            assertEquals(size, linux.transfer(source, 0, size, loop.near()));
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            loop.near().shutdownOutput();
            assertEquals(new Loopback.Received(size, Loopback.crcOf(SEED, size)), received.get());
            assertTrue(cpu < wall / 2, "the sender waits in the kernel or poll, it does not spin: cpu " + cpu
                    + " ns of " + wall + " ns");
        }
    }

    @Test
    void nonBlockingTargetReturnsAtOnceWhenFull() throws Exception {
        try (FileChannel source = FileChannel.open(file("in", BIG), READ); Loopback loop = Loopback.open()) {
            loop.near().configureBlocking(false);
            long first = linux.transfer(source, 0, BIG, loop.near());
            assertTrue(first > 0 && first < BIG);
            var threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long sent = first;
            for (int i = 0; i < 1000; i++) {
                sent += linux.transfer(source, sent, BIG - sent, loop.near());  // what the kernel freed, often 0
            }
            assertTrue(sent < BIG, "the peer reads nothing");
            long perCall = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1000;
            assertTrue(perCall < 5_000_000, "no waiting or spinning inside a non-blocking call: " + perCall + " ns");
        }
    }

    @Test
    void asyncCloseUnblocksWithinASecond() throws Exception {
        try (FileChannel source = FileChannel.open(file("in", BIG), READ); Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(() -> linux.transfer(source, 0, BIG, loop.near()));
            new Thread(transfer, "transfer").start();
            ByteBuffer some = ByteBuffer.allocate(1000);
            while (some.hasRemaining()) {
                loop.far().read(some);         // the transfer is under way
            }
            long closedAt = System.nanoTime();
            loop.near().close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> transfer.get(5, TimeUnit.SECONDS));
            long took = System.nanoTime() - closedAt;
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
            assertTrue(((PartialTransfer) e.getCause()).bytesTransferred() >= 1000);
            assertTrue(took < TimeUnit.SECONDS.toNanos(1), "unblocked after " + took / 1_000_000 + " ms");
        }
    }

    @Test
    void interruptClosesBothChannelsAndSaysHowManyBytesMadeIt() throws Exception {
        try (FileChannel source = FileChannel.open(file("in", BIG), READ); Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(() -> linux.transfer(source, 0, BIG, loop.near()));
            Thread thread = new Thread(transfer, "transfer");
            thread.start();
            ByteBuffer some = ByteBuffer.allocate(1000);
            while (some.hasRemaining()) {
                loop.far().read(some);
            }
            thread.interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> transfer.get(5, TimeUnit.SECONDS));
            assertInstanceOf(ClosedByInterruptException.class, e.getCause());
            assertTrue(((PartialTransfer) e.getCause()).bytesTransferred() >= 1000);
            assertFalse(source.isOpen());
            assertFalse(loop.near().isOpen());
        }
    }

    @Test
    void manyTransfersLeakNoDescriptors() throws Exception {
        Path in = file("in", 4096);
        try (FileChannel source = FileChannel.open(in, READ);
                FileChannel target = FileChannel.open(dir.resolve("out"), CREATE, WRITE);
                Loopback loop = Loopback.open()) {
            Future<Loopback.Received> received = loop.readAllOnPeer();
            linux.transfer(source, 0, 4096, loop.near());   // warm-up: pools and lazy classes
            long before = openFds();
            for (int i = 0; i < 10_000; i++) {
                linux.transfer(source, 0, 4096, i % 2 == 0 ? loop.near() : target);
                target.position(0);
            }
            assertNoGrowth(before);
            loop.near().shutdownOutput();
            assertEquals(4096L * 5001, received.get().bytes());
        }
        try (Loopback loop = Loopback.open();
                FileChannel target = FileChannel.open(dir.resolve("out2"), CREATE, WRITE)) {
            loop.writeOnPeer(SEED, 10_000L * 100);
            linux.transfer(loop.near(), target, 0, 100);
            long before = openFds();
            for (int i = 1; i < 10_000; i++) {
                assertEquals(100, linux.transfer(loop.near(), target, i * 100L, 100));
            }
            assertNoGrowth(before);
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(dir.resolve("out2"), SEED, 10_000L * 100));
    }

    /** Writes 1000 stream bytes, one TCP urgent byte, the next 1000 stream bytes, then closes. */
    private static void sendAroundAnUrgentByte(Loopback loop) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(2000);
        new PseudoRandomStream(SEED).fill(data);
        data.flip().limit(1000);
        while (data.hasRemaining()) {
            loop.far().write(data);
        }
        loop.far().socket().sendUrgentData(0x55);
        data.limit(2000);
        while (data.hasRemaining()) {
            loop.far().write(data);
        }
        loop.far().shutdownOutput();
    }

    @Test
    void urgentDataDoesNotEndOrStallASplice() throws Exception {
        Path out = dir.resolve("out");
        try (Loopback loop = Loopback.open(); FileChannel target = FileChannel.open(out, CREATE, WRITE)) {
            sendAroundAnUrgentByte(loop);
            assertEquals(2000, linux.transfer(loop.near(), target, 0, 10_000), "the urgent byte is dropped, as read does");
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(out, SEED, 2000));
        try (Loopback loop = Loopback.open(); FileChannel target = FileChannel.open(out, CREATE, WRITE);
                java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            sendAroundAnUrgentByte(loop);
            loop.near().configureBlocking(false);
            loop.near().register(selector, java.nio.channels.SelectionKey.OP_READ);
            long received = 0;
            for (int spins = 0; received < 2000; spins++) {
                assertTrue(spins < 1000, "no livelock: readable but nothing transferred");
                selector.select();
                selector.selectedKeys().clear();
                received += linux.transfer(loop.near(), target, received, 10_000 - received);
            }
            assertEquals(2000, received);
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(out, SEED, 2000));
    }

    @Test
    void providerInstancesShareOnePipePool() throws Exception {
        try (Loopback loop = Loopback.open();
                FileChannel target = FileChannel.open(dir.resolve("out"), CREATE, WRITE)) {
            loop.writeOnPeer(SEED, 200L * 100);
            new LinuxTransfer().transfer(loop.near(), target, 0, 100);
            long before = openFds();
            for (int i = 1; i < 200; i++) {     // load(ClassLoader) makes a new provider every call
                assertEquals(100, new LinuxTransfer().transfer(loop.near(), target, i * 100L, 100));
            }
            assertNoGrowth(before);
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(dir.resolve("out"), SEED, 200L * 100));
    }

    @Test
    void concurrentTransfersFromOneSharedSource() throws Exception {
        long size = 4L << 20;
        int transfers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(transfers);
        try (FileChannel source = FileChannel.open(file("in", size), READ)) {
            List<Future<Loopback.Received>> results = new ArrayList<>();
            for (int i = 0; i < transfers; i++) {
                results.add(pool.submit(() -> {
                    try (Loopback loop = Loopback.open()) {
                        Future<Loopback.Received> received = loop.readAllOnPeer();
                        assertEquals(size, linux.transfer(source, 0, size, loop.near()));
                        loop.near().shutdownOutput();
                        return received.get();
                    }
                }));
            }
            for (Future<Loopback.Received> result : results) {
                assertEquals(new Loopback.Received(size, Loopback.crcOf(SEED, size)), result.get());
            }
            assertEquals(0, source.position());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void copyOntoItselfAndOverlappingRangesBehaveLikeTheJdk() throws Exception {
        for (long[] c : new long[][] {{0, 0, 100_000}, {0, 50_000, 100_000}, {50_000, 0, 100_000}}) {
            Path ours = file("ours", 200_000);
            Path jdks = file("jdks", 200_000);
            try (FileChannel src = FileChannel.open(ours, READ); FileChannel dst = FileChannel.open(ours, WRITE);
                    FileChannel jsrc = FileChannel.open(jdks, READ); FileChannel jdst = FileChannel.open(jdks, WRITE)) {
                dst.position(c[1]);
                jdst.position(c[1]);
                assertEquals(jsrc.transferTo(c[0], c[2], jdst), linux.transfer(src, c[0], c[2], dst));
                assertEquals(jdst.position(), dst.position());
            }
            assertArrayEquals(Files.readAllBytes(jdks), Files.readAllBytes(ours), java.util.Arrays.toString(c));
        }
    }

    @Test
    void appendModeTargetsFallBackAndBehaveLikeTheJdk() throws Exception {
        Path in = file("in", 100_000);
        Path ours = Files.write(dir.resolve("ours"), new byte[] {1, 2, 3});
        Path jdks = Files.write(dir.resolve("jdks"), new byte[] {1, 2, 3});
        List<Transfer> events = RecordedTransfers.of(() -> {
            try (FileChannel src = FileChannel.open(in, READ); FileChannel dst = FileChannel.open(ours, APPEND);
                    FileChannel jdst = FileChannel.open(jdks, APPEND)) {
                assertEquals(src.transferTo(0, 100_000, jdst), linux.transfer(src, 0, 100_000, dst));
                try (Loopback a = Loopback.open(); Loopback b = Loopback.open()) {
                    a.writeOnPeer(SEED, 5000);
                    b.writeOnPeer(SEED, 5000);
                    assertEquals(jdst.transferFrom(a.near(), 3, 5000), linux.transfer(b.near(), dst, 3, 5000));
                }
            }
        });
        assertArrayEquals(Files.readAllBytes(jdks), Files.readAllBytes(ours));
        assertEquals(2, events.size());
        assertTrue(events.get(0).fallbackReason().contains("copy_file_range: EOPNOTSUPP"), events.toString());
        assertTrue(events.get(1).fallbackReason().contains("splice: EINVAL from the target"), events.toString());
    }
}
