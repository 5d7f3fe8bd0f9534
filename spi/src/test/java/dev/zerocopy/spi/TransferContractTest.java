package dev.zerocopy.spi;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transfer contract every provider must keep (see {@link ZeroCopyTransfer}). A provider's test
 * extends this class and returns the provider under test; the data is {@link PseudoRandomStream}'s, and
 * every check compares bytes or checksums.
 */
@Timeout(60)
public abstract class TransferContractTest {

    /** The seed of every file and stream in these tests. */
    protected static final long SEED = 0x5eed_2026L;

    /** A size larger than loopback socket buffers can hold, so that a non-reading peer blocks a sender. */
    protected static final long LARGER_THAN_SOCKET_BUFFERS = 64L << 20;

    /** Temporary directory for the test's files. */
    @TempDir
    protected Path dir;

    /**
     * Returns the provider under test.
     *
     * @return the provider
     */
    protected abstract ZeroCopyTransfer provider();

    /**
     * Tells whether closing a blocking target from another thread unblocks a transfer waiting on a peer
     * that does not read. The JDK 17's own {@code transferTo}, which the portable provider uses, does not.
     *
     * @return whether the async-close test applies
     */
    protected boolean unblocksOnAsyncClose() {
        return true;
    }

    static LongStream sizes() {
        return LongStream.of(0, 1, 42, 1025, 4097, 32769, (3L << 20) + 7);
    }

    /**
     * Creates a file holding the first {@code size} bytes of the stream.
     *
     * @param size the size
     * @return the file
     * @throws IOException if writing fails
     */
    protected Path file(long size) throws IOException {
        Path file = Files.createTempFile(dir, "source", ".bin");
        PseudoRandomStream.writeFile(file, SEED, size);
        return file;
    }

    private static byte[] slice(Path file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel in = FileChannel.open(file, READ)) {
            while (buffer.hasRemaining() && in.read(buffer, position + buffer.position()) > 0) {
                // keep reading
            }
        }
        return buffer.array();
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void fileToSocket(long size) throws Exception {
        try (FileChannel source = FileChannel.open(file(size), READ); Loopback loop = Loopback.open()) {
            source.position(1);
            Future<Loopback.Received> received = loop.readAllOnPeer();
            assertEquals(size, provider().transfer(source, 0, size, loop.near()));
            loop.near().shutdownOutput();
            assertEquals(new Loopback.Received(size, Loopback.crcOf(SEED, size)), received.get());
            assertEquals(1, source.position(), "the file's position is not changed");
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void socketToFile(long size) throws Exception {
        Path out = dir.resolve("out.bin");
        try (FileChannel target = FileChannel.open(out, CREATE, READ, WRITE); Loopback loop = Loopback.open()) {
            loop.writeOnPeer(SEED, size);
            assertEquals(size, provider().transfer(loop.near(), target, 0, size));
            assertEquals(0, target.position(), "the file's position is not changed");
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(out, SEED, size));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void fileToFile(long size) throws Exception {
        Path out = dir.resolve("copy.bin");
        try (FileChannel source = FileChannel.open(file(size), READ);
                FileChannel target = FileChannel.open(out, CREATE, WRITE)) {
            assertEquals(size, provider().transfer(source, 0, size, target));
            assertEquals(0, source.position());
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(out, SEED, size));
    }

    @Test
    void fileIntoFileReadsAtAndAdvancesTheSourcePositionLikeTransferFrom() throws Exception {
        Path in = file(100_000);
        Path ours = Files.write(dir.resolve("ours"), new byte[50]);
        Path jdks = Files.write(dir.resolve("jdks"), new byte[50]);
        try (FileChannel source = FileChannel.open(in, READ); FileChannel jdkSource = FileChannel.open(in, READ);
                FileChannel target = FileChannel.open(ours, WRITE); FileChannel jdkTarget = FileChannel.open(jdks, WRITE)) {
            source.position(1000);
            jdkSource.position(1000);
            assertEquals(jdkTarget.transferFrom(jdkSource, 20, 30_000), provider().transfer(source, target, 20, 30_000));
            assertEquals(jdkSource.position(), source.position());
            assertEquals(jdkTarget.position(), target.position());
        }
        assertEquals(java.util.Arrays.toString(Files.readAllBytes(jdks)), java.util.Arrays.toString(Files.readAllBytes(ours)));
    }

    @Test
    void fileIntoFileWritesAtAndAdvancesTheTargetPositionLikeTransferTo() throws Exception {
        Path in = file(100_000);
        Path ours = Files.write(dir.resolve("ours"), new byte[50]);
        Path jdks = Files.write(dir.resolve("jdks"), new byte[50]);
        try (FileChannel source = FileChannel.open(in, READ);
                FileChannel target = FileChannel.open(ours, WRITE); FileChannel jdkTarget = FileChannel.open(jdks, WRITE)) {
            target.position(7);
            jdkTarget.position(7);
            assertEquals(source.transferTo(500, 40_000, jdkTarget), provider().transfer(source, 500, 40_000, target));
            assertEquals(jdkTarget.position(), target.position());
            assertEquals(0, source.position());
        }
        assertEquals(java.util.Arrays.toString(Files.readAllBytes(jdks)), java.util.Arrays.toString(Files.readAllBytes(ours)));
    }

    @Test
    void countsAndPositionsAgainstTheFileEnd() throws Exception {
        long size = 32769;
        Path in = file(size);
        try (FileChannel source = FileChannel.open(in, READ)) {
            try (Loopback loop = Loopback.open()) {
                Future<Loopback.Received> received = loop.readAllOnPeer();
                assertEquals(size / 2, provider().transfer(source, 0, size / 2, loop.near()), "half");
                assertEquals(size - size / 2, provider().transfer(source, size / 2, size, loop.near()),
                        "count beyond the end stops at the end");
                assertEquals(0, provider().transfer(source, size, 10, loop.near()), "at the end");
                assertEquals(0, provider().transfer(source, size + 100, 10, loop.near()), "beyond the end");
                loop.near().shutdownOutput();
                assertEquals(new Loopback.Received(size, Loopback.crcOf(SEED, size)), received.get());
            }
            Path out = dir.resolve("middle.bin");
            try (FileChannel target = FileChannel.open(out, CREATE, WRITE)) {
                assertEquals(1000, provider().transfer(source, 12345, 1000, target));
            }
            assertEquals(java.util.Arrays.toString(slice(in, 12345, 1000)),
                    java.util.Arrays.toString(Files.readAllBytes(out)));
        }
    }

    @Test
    void intoFileStopsAtEndOfStreamAndNeverWritesBeyondTheFileEnd() throws Exception {
        Path out = dir.resolve("out.bin");
        Files.write(out, new byte[100]);
        try (FileChannel target = FileChannel.open(out, READ, WRITE); Loopback loop = Loopback.open()) {
            if (Runtime.version().feature() < 21) {
                // JDK 21 and later grow the file instead (see JdkOracleSuite)
                assertEquals(0, provider().transfer(loop.near(), target, 101, 10), "beyond the end: nothing");
            }
            loop.writeOnPeer(SEED, 5000);
            assertEquals(5000, provider().transfer(loop.near(), target, 100, 9000), "stops at end of stream");
            assertEquals(5100, target.size());
        }
        assertEquals(java.util.Arrays.toString(slice(file(5000), 0, 5000)),
                java.util.Arrays.toString(slice(out, 100, 5000)));
    }

    @Test
    void untilEndOfStreamAdvancesFilePositions() throws Exception {
        long size = 200_000;
        try (FileChannel source = FileChannel.open(file(size), READ); Loopback loop = Loopback.open()) {
            source.position(100);
            Future<Loopback.Received> received = loop.readAllOnPeer();
            assertEquals(size - 100, provider().transfer(source, loop.near()));
            assertEquals(size, source.position());
            loop.near().shutdownOutput();
            assertEquals(size - 100, received.get().bytes());
        }
        Path out = dir.resolve("out.bin");
        Files.write(out, new byte[] {9, 9, 9});
        try (FileChannel target = FileChannel.open(out, READ, WRITE); Loopback loop = Loopback.open()) {
            target.position(3);
            loop.writeOnPeer(SEED, size);
            assertEquals(size, provider().transfer(loop.near(), target));
            assertEquals(size + 3, target.position());
        }
        assertEquals(java.util.Arrays.toString(slice(file(size), 0, 4096)),
                java.util.Arrays.toString(slice(out, 3, 4096)));
        assertEquals(size + 3, Files.size(out));
    }

    @Test
    void untilEndOfStreamBetweenSockets() throws Exception {
        long size = (2L << 20) + 3;
        try (Loopback in = Loopback.open(); Loopback out = Loopback.open()) {
            in.writeOnPeer(SEED, size);
            Future<Loopback.Received> received = out.readAllOnPeer();
            assertEquals(size, provider().transfer(in.near(), out.near()));
            out.near().shutdownOutput();
            assertEquals(new Loopback.Received(size, Loopback.crcOf(SEED, size)), received.get());
        }
    }

    @Test
    void rejectsBadArgumentsAndChannels() throws Exception {
        Path in = file(100);
        try (FileChannel source = FileChannel.open(in, READ); Loopback loop = Loopback.open()) {
            assertThrows(IllegalArgumentException.class, () -> provider().transfer(source, -1, 1, loop.near()));
            assertThrows(IllegalArgumentException.class, () -> provider().transfer(source, 0, -1, loop.near()));
            try (FileChannel writable = FileChannel.open(dir.resolve("w"), CREATE, WRITE)) {
                assertThrows(IllegalArgumentException.class, () -> provider().transfer(loop.near(), writable, -1, 1));
                assertThrows(IllegalArgumentException.class, () -> provider().transfer(loop.near(), writable, 0, -1));
            }
            assertThrows(NonWritableChannelException.class, () -> provider().transfer(loop.near(), source, 0, 10));
            assertThrows(NonWritableChannelException.class, () -> provider().transfer(loop.near(), source, -1, 1),
                    "FileChannel's order: the channel's mode before the numbers");
            try (FileChannel writeOnly = FileChannel.open(in, WRITE)) {
                assertThrows(NonReadableChannelException.class,
                        () -> provider().transfer(writeOnly, 0, 10, loop.near()));
                assertThrows(NonWritableChannelException.class,
                        () -> provider().transfer(source, 0, 10, source));
                try (FileChannel readOnly = FileChannel.open(file(10), READ)) {
                    assertThrows(NonWritableChannelException.class, () -> provider().transfer(source, readOnly),
                            "until the end, into a file opened for reading only");
                    assertEquals(0, source.position(), "nothing was read");
                }
            }
            FileChannel closed = FileChannel.open(in, READ);
            closed.close();
            assertThrows(ClosedChannelException.class, () -> provider().transfer(closed, 0, 10, loop.near()));
            assertThrows(ClosedChannelException.class, () -> provider().transfer(loop.near(), closed, 0, 10));
            assertThrows(ClosedChannelException.class, () -> provider().transfer(closed, loop.near()));
            loop.near().close();
            assertThrows(ClosedChannelException.class, () -> provider().transfer(source, 0, 10, loop.near()));
        }
    }

    @Test
    void nonBlockingTargetGetsPartialCountsAndLosesNothing() throws Exception {
        long size = LARGER_THAN_SOCKET_BUFFERS;
        try (FileChannel source = FileChannel.open(file(size), READ); Loopback loop = Loopback.open();
                Selector selector = Selector.open()) {
            loop.near().configureBlocking(false);
            long first = provider().transfer(source, 0, size, loop.near());
            assertTrue(first > 0 && first < size, "a full socket buffer ends a non-blocking transfer: " + first);
            long second = provider().transfer(source, first, size - first, loop.near());
            assertTrue(second >= 0 && first + second < size, "the peer still reads nothing: " + second);
            Future<Loopback.Received> received = loop.readAllOnPeer();
            loop.near().register(selector, SelectionKey.OP_WRITE);
            long sent = first + second;
            while (sent < size) {
                selector.select();
                selector.selectedKeys().clear();
                sent += provider().transfer(source, sent, size - sent, loop.near());
            }
            loop.near().shutdownOutput();
            assertEquals(new Loopback.Received(size, Loopback.crcOf(SEED, size)), received.get());
        }
    }

    @Test
    void interruptClosesTheChannelsAndThrowsClosedByInterrupt() throws Exception {
        try (FileChannel source = FileChannel.open(file(LARGER_THAN_SOCKET_BUFFERS), READ);
                Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(
                    () -> provider().transfer(source, 0, LARGER_THAN_SOCKET_BUFFERS, loop.near()));
            Thread thread = new Thread(transfer, "transfer");
            thread.start();
            loop.awaitBytesAtFar();    // the transfer is moving bytes; the peer never reads, so it cannot finish
            thread.interrupt();
            ExecutionException failure = assertThrows(ExecutionException.class, transfer::get);
            assertInstanceOf(ClosedByInterruptException.class, failure.getCause());
            assertFalse(source.isOpen(), "the file channel is closed, as NIO's interruptible channels do");
        }
    }

    @Test
    void asyncCloseOfTheTargetEndsABlockedTransfer() throws Exception {
        assumeTrue(unblocksOnAsyncClose(), "this provider's blocking transfer cannot be woken by close");
        try (FileChannel source = FileChannel.open(file(LARGER_THAN_SOCKET_BUFFERS), READ);
                Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(
                    () -> provider().transfer(source, 0, LARGER_THAN_SOCKET_BUFFERS, loop.near()));
            new Thread(transfer, "transfer").start();
            loop.awaitBytesAtFar();    // past the argument checks and moving bytes; the peer never reads
            loop.near().close();
            ExecutionException failure = assertThrows(ExecutionException.class, transfer::get);
            // Asynchronous: the close ended a transfer in flight, not the argument check of one not started.
            assertInstanceOf(AsynchronousCloseException.class, failure.getCause());
            assertTrue(source.isOpen(), "closing the target does not close the source");
        }
    }
}
