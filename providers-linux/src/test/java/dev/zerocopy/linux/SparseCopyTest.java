package dev.zerocopy.linux;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.spi.FdAccess;
import dev.zerocopy.spi.PseudoRandomStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** File-to-file copies keep the source's holes where the result is the same as a dense copy's. */
@Timeout(60)
class SparseCopyTest {

    private static final long SIZE = 256L << 20;
    private static final int EXTENT = 1 << 20;

    private final LinuxTransfer linux = new LinuxTransfer();

    @TempDir
    Path dir;

    /** 256 MiB holding two 1 MiB data extents, at 10 MiB and at 200 MiB; the rest is holes. */
    private Path sparseFile() throws IOException {
        Path file = dir.resolve("sparse");
        byte[] data = new byte[EXTENT];
        new PseudoRandomStream(3).fill(ByteBuffer.wrap(data));
        try (FileChannel out = FileChannel.open(file, CREATE, WRITE)) {
            out.write(ByteBuffer.wrap(data), 10L << 20);
            out.write(ByteBuffer.wrap(data), 200L << 20);
            out.truncate(SIZE);
            if (out.size() < SIZE) {
                out.write(ByteBuffer.wrap(new byte[1]), SIZE - 1);
            }
        }
        return file;
    }

    /** Bytes the file system allocated for the file: {@code st_blocks} × 512, from {@code stat(1)}. */
    private static long allocated(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String blocks = new String(stat.getInputStream().readAllBytes()).trim();
        assertEquals(0, stat.waitFor());
        return Long.parseLong(blocks) * 512;
    }

    private static void assertSameContent(Path expected, Path actual) throws IOException {
        assertEquals(Files.size(expected), Files.size(actual));
        try (FileChannel a = FileChannel.open(expected, READ); FileChannel b = FileChannel.open(actual, READ)) {
            ByteBuffer x = ByteBuffer.allocate(1 << 20);
            ByteBuffer y = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < a.size(); at += x.capacity()) {
                a.read(x.clear(), at);
                b.read(y.clear(), at);
                assertArrayEquals(x.array(), y.array(), "at " + at);
            }
        }
    }

    @Test
    void transferToANewFileKeepsTheHoles() throws Exception {
        Path source = sparseFile();
        Path copy = dir.resolve("copy");
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(copy, CREATE, WRITE)) {
            assertEquals(SIZE, linux.transfer(in, 0, SIZE, out));
            assertEquals(SIZE, out.position(), "the target's position advanced by the count");
            assertEquals(0, in.position(), "the source's position did not move");
        }
        assertSameContent(source, copy);
        assertTrue(allocated(copy) < 16L << 20, "allocated " + allocated(copy) + " bytes for 2 MiB of data");
    }

    @Test
    void transferFromIntoANewFileKeepsTheHolesAndAdvancesTheSource() throws Exception {
        Path source = sparseFile();
        Path copy = dir.resolve("copy");
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(copy, CREATE, WRITE)) {
            in.position(1 << 20);
            assertEquals(SIZE - (1 << 20), linux.transfer(in, out, 0, Long.MAX_VALUE));
            assertEquals(SIZE, in.position());
        }
        try (FileChannel a = FileChannel.open(source, READ); FileChannel b = FileChannel.open(copy, READ)) {
            assertEquals(SIZE - (1 << 20), b.size());
            ByteBuffer x = ByteBuffer.allocate(EXTENT);
            ByteBuffer y = ByteBuffer.allocate(EXTENT);
            a.read(x, 200L << 20);
            b.read(y, (200L << 20) - (1 << 20));
            assertArrayEquals(x.array(), y.array());
        }
        assertTrue(allocated(copy) < 16L << 20, "allocated " + allocated(copy));
    }

    /** Over existing data the holes must become zeros: the copy is dense there, and still right. */
    @Test
    void aTargetRangeOverExistingDataGetsTheZerosWritten() throws Exception {
        Path source = sparseFile();
        Path copy = dir.resolve("copy");
        byte[] ones = new byte[4 << 20];
        java.util.Arrays.fill(ones, (byte) 1);
        Files.write(copy, ones);
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(copy, WRITE)) {
            assertEquals(SIZE, linux.transfer(in, 0, SIZE, out));
        }
        assertSameContent(source, copy);
    }

    @Test
    void anAppendModeTargetStillGetsEveryByte() throws Exception {
        Path source = sparseFile();
        Path copy = dir.resolve("copy");
        try (FileChannel in = FileChannel.open(source, READ);
                FileChannel out = FileChannel.open(copy, CREATE, WRITE, APPEND)) {
            assertEquals(SIZE, linux.transfer(in, 0, SIZE, out));
        }
        assertSameContent(source, copy);
    }

    /**
     * A long data extent is copied in several calls, as a signal cuts a call short: an interrupt, or a
     * close of the source by another thread, ends the copy there rather than at the extent's end, and the
     * count is exactly what the target holds (the hole before the extent included).
     */
    @ParameterizedTest
    @ValueSource(strings = {"interrupt", "close of the source"})
    void aStopInsideALongExtentEndsTheCopyThereWithTheCount(String stop) throws Exception {
        assumeTrue("guest".equals(FdAccess.protocol()),
                "on duplicates no signal reaches the copy: it runs to the end of its call");
        String type = Files.getFileStore(dir).type();
        assumeTrue(!type.equals("btrfs") && !type.equals("xfs") && !type.equals("bcachefs"),
                type + " may clone the whole extent in one call, before any stop");
        Path source = dir.resolve("long-extent");
        long size = EXTENT + (256L << 20);
        byte[] block = new byte[EXTENT];
        new PseudoRandomStream(5).fill(ByteBuffer.wrap(block));
        try (FileChannel out = FileChannel.open(source, CREATE, WRITE)) {
            for (long at = EXTENT; at < size; at += EXTENT) {
                out.write(ByteBuffer.wrap(block), at);      // a hole of one extent, then 256 MiB of data
            }
        }
        Path copy = dir.resolve("copy");
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(copy, CREATE, WRITE)) {
            FutureTask<Long> transfer = new FutureTask<>(() -> linux.transfer(in, 0, size, out));
            Thread thread = new Thread(transfer, "sparse-copy");
            thread.start();
            while (Files.size(copy) < 4L * EXTENT && !transfer.isDone()) {
                LockSupport.parkNanos(100_000);                 // until the extent's bytes flow
            }
            if (stop.equals("interrupt")) {
                thread.interrupt();
            } else {
                in.close();
            }
            Throwable failure = assertThrows(ExecutionException.class, () -> transfer.get(20, TimeUnit.SECONDS))
                    .getCause();
            Class<? extends Throwable> expected = stop.equals("interrupt") ? ClosedByInterruptException.class
                    : AsynchronousCloseException.class;
            assertInstanceOf(expected, failure);
            long count = assertInstanceOf(PartialTransfer.class, failure).bytesTransferred();
            assertTrue(count < size, stop + " ended the copy inside the extent, at " + count + " of " + size);
            assertEquals(count, Files.size(copy), "the count is what the target holds");
            try (FileChannel a = FileChannel.open(source, READ); FileChannel b = FileChannel.open(copy, READ)) {
                ByteBuffer x = ByteBuffer.allocate(EXTENT);
                ByteBuffer y = ByteBuffer.allocate(EXTENT);
                for (long at = 0; at < count; at += EXTENT) {
                    int n = (int) Math.min(EXTENT, count - at);
                    a.read(x.clear().limit(n), at);
                    b.read(y.clear().limit(n), at);
                    assertEquals(x.flip(), y.flip(), "at " + at);
                }
            }
        }
    }
}
