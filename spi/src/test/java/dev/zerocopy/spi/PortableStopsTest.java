package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pure-Java path ends on a close of either channel and on an interrupt while its source is quiet or
 * its target full, and counts exactly what reached the target: real pipes, loopback sockets and files.
 */
@Timeout(60)
class PortableStopsTest {

    private static final ZeroCopyTransfer PORTABLE = new PortableTransfer();

    /**
     * The longest a stopped transfer may take to end. A quiet source is checked every 50 ms; the bound
     * only tells an end from a hang on a build machine whose threads may wait seconds for a core.
     */
    private static final long STOP_MILLIS = 3000;

    /** The writer's bytes before it falls quiet: more than a pipe holds, so they flow during the transfer. */
    private static final int SENT = 100_000;

    @TempDir
    Path dir;

    /** How a blocked transfer is stopped. */
    enum Stop {
        /** Another thread closes the target. */
        CLOSE_TARGET,
        /** Another thread closes the source. */
        CLOSE_SOURCE,
        /** Another thread interrupts the transferring thread. */
        INTERRUPT
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void aTransferFromAQuietPipeIntoAFileEnds(Stop stop) throws Exception {
        Path target = dir.resolve("target");
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source();
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeQuietly(sink, SENT));
            Running transfer = Running.start(() -> PORTABLE.transfer(source, out, 0, 10L * SENT));
            await(() -> size(target) == SENT, "the written bytes reached the file");
            writer.get(10, TimeUnit.SECONDS);
            if (JdkChannelProtocol.AVAILABLE) {
                assertTrue(source.isBlocking(), "waited on with the JDK's poll, the pipe stays in blocking mode");
            }
            long start = System.nanoTime();
            switch (stop) {
                case CLOSE_TARGET -> out.close();
                case CLOSE_SOURCE -> source.close();
                case INTERRUPT -> transfer.thread.interrupt();
            }
            Throwable failure = transfer.failure();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("pipe->file, " + stop + ": ended after " + millis + " ms");
            assertTrue(millis <= STOP_MILLIS, stop + " ended the transfer after " + millis + " ms");
            Class<? extends Throwable> expected = stop == Stop.INTERRUPT ? ClosedByInterruptException.class
                    : AsynchronousCloseException.class;
            assertInstanceOf(expected, failure, stop.toString());
            assertEquals(SENT, assertInstanceOf(PartialTransfer.class, failure).bytesTransferred(), stop.toString());
            switch (stop) {
                case CLOSE_TARGET -> assertTrue(source.isOpen() && source.isBlocking(),
                        "the pipe is open and back in blocking mode");
                case CLOSE_SOURCE -> assertTrue(out.isOpen(), "the file stays open");
                case INTERRUPT -> assertFalse(source.isOpen() || out.isOpen(), "an interrupt closes both");
            }
        }
    }

    @Test
    void aPipeSourceIsBackInBlockingModeAfterATransfer() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source();
                FileChannel out = FileChannel.open(dir.resolve("t"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeQuietly(sink, SENT));
            assertEquals(SENT, PORTABLE.transfer(source, out, 0, SENT));
            writer.get(10, TimeUnit.SECONDS);
            assertTrue(source.isBlocking());
            sink.close();
            assertEquals(0, PORTABLE.transfer(source, out, SENT, 10), "the end of the stream");
        }
    }

    /**
     * A pipe source that is not the JDK's own (another class, another provider) is read plainly, as the
     * JDK's {@code transferFrom} reads it: no poll of a descriptor it may not have, no selector of another
     * provider.
     */
    @Test
    void aPipeSourceOfAnotherClassIsReadPlainly() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel jdkSource = pipe.source();
                Pipe.SourceChannel source = new DelegatingSource(jdkSource);
                FileChannel out = FileChannel.open(dir.resolve("t"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeQuietly(sink, SENT));
            assertEquals(SENT, PORTABLE.transfer(source, out, 0, SENT));
            writer.get(10, TimeUnit.SECONDS);
            assertEquals(SENT, out.size());
        }
    }

    /** A pipe source of its own class (not the JDK's, so no JDK selector takes it), reading from a JDK pipe. */
    private static final class DelegatingSource extends Pipe.SourceChannel {
        private final Pipe.SourceChannel inner;

        DelegatingSource(Pipe.SourceChannel inner) {
            super(java.nio.channels.spi.SelectorProvider.provider());
            this.inner = inner;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return inner.read(dsts, offset, length);
        }

        @Override
        public long read(ByteBuffer[] dsts) throws IOException {
            return inner.read(dsts);
        }

        @Override
        protected void implCloseSelectableChannel() throws IOException {
            inner.close();
        }

        @Override
        protected void implConfigureBlocking(boolean block) throws IOException {
            inner.configureBlocking(block);
        }
    }

    /**
     * A transfer waiting to write into a socket whose peer does not read is interrupted: the count is
     * exactly what the peer then reads, including the part of an interrupted write that reached the socket
     * (a blocking write where the ticking writes do not apply).
     */
    @ParameterizedTest
    @ValueSource(strings = {"pipe", "socket", "file"})
    void anInterruptedWriteIntoAFullSocketCountsWhatItWrote(String kind) throws Exception {
        assumeTrue(!kind.equals("file") || Runtime.version().feature() < 21,
                "from JDK 21 a file source goes through the JDK's transferTo, which reports nothing of what an "
                        + "interrupted call moved");
        try (IntoFullSocket fixture = new IntoFullSocket(kind, dir)) {
            fixture.waiting().transfer.thread().interrupt();
            Throwable failure = fixture.transfer.failure();
            assertInstanceOf(ClosedByInterruptException.class, failure);
            fixture.assertThePeerReceivedTheCount(failure);
        }
    }

    /**
     * A transfer into a socket whose peer does not read ends within a tick when another thread closes its
     * source, telling exactly what the peer then receives; the socket stays open. Where the ticking
     * writes do not apply (no {@code sun.nio.ch} access, not Linux) the JDK's blocking write waits for the
     * peer, as the JDK's own copy does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pipe", "socket", "file"})
    void aCloseOfTheSourceEndsAWriteIntoASocketWhosePeerDoesNotRead(String kind) throws Exception {
        assumeTrue(JdkChannelProtocol.AVAILABLE && System.getProperty("os.name").startsWith("Linux"),
                "ticking writes need the JDK's poll");
        try (IntoFullSocket fixture = new IntoFullSocket(kind, dir)) {
            fixture.waiting();
            long start = System.nanoTime();
            fixture.source.close();
            Throwable failure = fixture.transfer.failure();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println(kind + "->socket, close of the source: ended after " + millis + " ms");
            assertTrue(millis <= STOP_MILLIS, "ended after " + millis + " ms");
            assertInstanceOf(AsynchronousCloseException.class, failure);
            assertTrue(fixture.to.near().isOpen(), "the target stays open");
            fixture.assertThePeerReceivedTheCount(failure);
        }
    }

    /**
     * A transfer into a blocking pipe whose reader does not read ends on a close of the pipe and on an
     * interrupt, telling exactly what the reader then receives, from a socket and from a file (whose copy
     * into a pipe is the buffer loop on every JDK, so that an interrupted write still counts). A close of
     * the source ends it too where the ticking writes apply (Linux, {@code sun.nio.ch} open): elsewhere
     * the pipe's blocking write waits for the reader, as Java has no timed write and a pipe switched to
     * non-blocking mode would make another thread's blocking write into it return short.
     */
    @ParameterizedTest
    @EnumSource(Stop.class)
    void aTransferIntoAFullPipeEnds(Stop stop) throws Exception {
        assumeTrue(stop != Stop.CLOSE_SOURCE || JdkChannelProtocol.AVAILABLE
                && System.getProperty("os.name").startsWith("Linux"), "ticking writes need the JDK's poll");
        for (String kind : new String[] {"socket", "file"}) {
            try (IntoFullPipe fixture = new IntoFullPipe(kind, dir)) {
                await(() -> fixture.transfer.inNative("poll", "write0"), "the transfer waits on the full pipe");
                long start = System.nanoTime();
                switch (stop) {
                    case CLOSE_TARGET -> fixture.pipe.sink().close();
                    case CLOSE_SOURCE -> fixture.source.close();
                    case INTERRUPT -> fixture.transfer.thread().interrupt();
                }
                Throwable failure = fixture.transfer.failure();
                long millis = (System.nanoTime() - start) / 1_000_000;
                String what = kind + "->pipe, " + stop;
                System.out.println(what + ": ended after " + millis + " ms");
                assertTrue(millis <= STOP_MILLIS, what + " ended the transfer after " + millis + " ms");
                Class<? extends Throwable> expected = stop == Stop.INTERRUPT ? ClosedByInterruptException.class
                        : AsynchronousCloseException.class;
                assertInstanceOf(expected, failure, what);
                if (stop == Stop.CLOSE_SOURCE) {
                    assertTrue(fixture.pipe.sink().isOpen() && fixture.pipe.sink().isBlocking(),
                            what + ": the pipe stays open, in blocking mode");
                }
                assertEquals(fixture.drain(), assertInstanceOf(PartialTransfer.class, failure).bytesTransferred(),
                        what + ": the count is what the pipe's reader received");
            }
        }
    }

    /** A transfer from a socket (whose writer never stops) or a file into a pipe whose reader does not read. */
    private static final class IntoFullPipe implements AutoCloseable {
        final Loopback from = Loopback.open();
        final Pipe pipe = Pipe.open();
        final FileChannel file;
        final java.nio.channels.Channel source;
        final CompletableFuture<Void> writer;
        final Running transfer;

        IntoFullPipe(String kind, Path dir) throws IOException {
            file = FileChannel.open(Files.write(dir.resolve("source-" + kind), new byte[32 << 20]));
            if (kind.equals("socket")) {
                source = from.near();
                writer = CompletableFuture.runAsync(() -> writeQuietly(from.far(), Long.MAX_VALUE));
                transfer = Running.start(() -> PORTABLE.transfer(from.near(), pipe.sink()));
            } else {
                source = file;
                writer = CompletableFuture.completedFuture(null);
                transfer = Running.start(() -> PORTABLE.transfer(file, 0, 32 << 20, pipe.sink()));
            }
        }

        /** Closes the pipe's sink and reads what the pipe held until its end. */
        long drain() throws IOException {
            pipe.sink().close();
            return readToEnd(pipe.source());
        }

        @Override
        public void close() throws Exception {
            try (from; file; Pipe.SourceChannel in = pipe.source(); Pipe.SinkChannel out = pipe.sink()) {
                from.far().close();
                from.near().close();
                writer.get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A transfer from a pipe, a socket or a file (whose writers never stop) into a socket whose peer does
     * not read, once it waits on the full socket.
     */
    private static final class IntoFullSocket implements AutoCloseable {
        final Loopback to = Loopback.open();
        final Loopback from = Loopback.open();
        final Pipe pipe = Pipe.open();
        final FileChannel file;
        final java.nio.channels.Channel source;
        final CompletableFuture<Void> writer;
        final Running transfer;

        IntoFullSocket(String kind, Path dir) throws IOException {
            file = FileChannel.open(Files.write(dir.resolve("source"), new byte[32 << 20]));
            switch (kind) {
                case "pipe" -> {
                    source = pipe.source();
                    writer = CompletableFuture.runAsync(() -> writeQuietly(pipe.sink(), Long.MAX_VALUE));
                    transfer = Running.start(() -> PORTABLE.transfer(pipe.source(), to.near()));
                }
                case "socket" -> {
                    source = from.near();
                    writer = CompletableFuture.runAsync(() -> writeQuietly(from.far(), Long.MAX_VALUE));
                    transfer = Running.start(() -> PORTABLE.transfer(from.near(), to.near()));
                }
                default -> {
                    source = file;
                    writer = CompletableFuture.completedFuture(null);
                    transfer = Running.start(() -> PORTABLE.transfer(file, 0, 32 << 20, to.near()));
                }
            }
        }

        /** Waits until the transfer waits on the full socket. */
        IntoFullSocket waiting() {
            await(() -> transfer.inNative("poll", "write0", "writev0", "transferTo0"),
                    "the transfer waits on the full socket");
            return this;
        }

        /** Closes the target and reads what the peer received until its end: the failure's count. */
        void assertThePeerReceivedTheCount(Throwable failure) throws IOException {
            to.near().close();
            long received = readToEnd(to.far());
            assertEquals(received, assertInstanceOf(PartialTransfer.class, failure).bytesTransferred(),
                    "the count is what the peer received");
        }

        @Override
        public void close() throws Exception {
            try (to; from; file; Pipe.SourceChannel in = pipe.source(); Pipe.SinkChannel out = pipe.sink()) {
                out.close();
                from.far().close();
                writer.get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A JDK {@code transferTo} between two files that an interrupt stops reports nothing of what it moved;
     * before JDK 21 the target stays open and its position tells, and the count is exactly what the target
     * holds. From JDK 21 the JDK closes both files on an interrupt, and its {@code transferFrom} from a file
     * (mapped chunks before 21) advances the source's position only when it returns: there the count stops
     * before the interrupted call.
     */
    @ParameterizedTest
    @ValueSource(strings = {"transferTo"})
    void anInterruptedJdkCallBetweenFilesCountsWhatReachedTheTarget(String call) throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "from JDK 21 an interrupt closes both files: nothing tells");
        long size = 256L << 20;
        Path source = dir.resolve("source");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(source.toFile(), "rw")) {
            sparse.setLength(size);
        }
        int stoppedMidway = 0;
        for (int attempt = 0; attempt < 5 && stoppedMidway == 0; attempt++) {
            Path target = dir.resolve("target" + attempt);
            try (FileChannel in = FileChannel.open(source);
                    FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                Running transfer = Running.start(() -> call.equals("transferTo") ? PORTABLE.transfer(in, 0, size, out)
                        : PORTABLE.transfer(in, out, 0, size));
                await(() -> size(target) > 0 || transfer.result().isDone(), "bytes reach the target");
                transfer.thread().interrupt();
                try {
                    transfer.result().get(30, TimeUnit.SECONDS);
                    continue;       // it ended before the interrupt: try again
                } catch (ExecutionException e) {
                    assertInstanceOf(ClosedByInterruptException.class, e.getCause());
                    long count = assertInstanceOf(PartialTransfer.class, e.getCause()).bytesTransferred();
                    assertEquals(size(target), count, call + ": the count is what the target holds");
                    stoppedMidway++;
                } finally {
                    transfer.thread().join();
                }
            }
        }
        assumeTrue(stoppedMidway > 0, "no interrupt landed before the copy ended");
    }

    /** Reads a channel to its end and returns how many bytes it gave. */
    private static long readToEnd(java.nio.channels.ReadableByteChannel channel) throws IOException {
        long received = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
            received += n;
        }
        return received;
    }

    /** Writes zeros until {@code bytes} are written or the channel fails, then stays quiet. */
    private static void writeQuietly(java.nio.channels.WritableByteChannel channel, long bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        long left = bytes;
        try {
            while (left > 0) {
                buffer.clear().limit((int) Math.min(left, buffer.capacity()));
                left -= channel.write(buffer);
            }
        } catch (IOException closed) {
            // the reader is gone: the test's stop
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Spins (1 ms parks) until the condition holds, failing after 10 s. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** A transfer that may throw. */
    @FunctionalInterface
    interface Call {
        long run() throws Exception;
    }

    /** A transfer running on a thread of its own. */
    record Running(Thread thread, CompletableFuture<Long> result) {

        static Running start(Call call) {
            CompletableFuture<Long> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(call.run());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "portable-transfer");
            thread.start();
            return new Running(thread, result);
        }

        /** Whether the thread's innermost frame is one of the native methods named. */
        boolean inNative(String... methods) {
            StackTraceElement[] stack = thread.getStackTrace();
            if (stack.length == 0 || !stack[0].isNativeMethod()) {
                return false;
            }
            for (String method : methods) {
                if (stack[0].getMethodName().equals(method)) {
                    return true;
                }
            }
            return false;
        }

        /** Waits for the transfer to fail and returns why; a transfer that returns fails the test. */
        Throwable failure() throws Exception {
            try {
                long n = result.get(10, TimeUnit.SECONDS);
                throw new AssertionError("returned " + n);
            } catch (ExecutionException e) {
                return e.getCause();
            } finally {
                thread.join();
            }
        }
    }
}
