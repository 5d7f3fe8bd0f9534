package dev.zerocopy.bsd;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferFailedException;
import dev.zerocopy.TransferInterruptedException;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.EmulatedOs;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** File to file on emulated FreeBSD 13 (copy_file_range), FreeBSD 12 and macOS (portable fallback). */
@Timeout(60)
class CopyFileRangeTest {

    private static final int SIZE = (1 << 20) + 99;

    @TempDir
    Path dir;

    private Path source;
    private Path target;
    private byte[] data;
    private EmulatedKernel kernel;

    @BeforeEach
    void files() throws Exception {
        source = dir.resolve("source");
        target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, 3, SIZE);
        data = Files.readAllBytes(source);
        Files.write(target, new byte[100]);
    }

    @AfterEach
    void kernelIsClean() {
        assertEquals(0, kernel.openDuplicates());
        assertEquals(0, kernel.toEndRequests());
    }

    private ZeroCopyTransfer boot(EmulatedOs os, FaultPlan plan) {
        kernel = os.boot(plan);
        return kernel.provider();
    }

    private void targetHolds(long at, int from, int length) throws Exception {
        byte[] got = Files.readAllBytes(target);
        assertArrayEquals(Arrays.copyOfRange(data, from, from + length), Arrays.copyOfRange(got, (int) at, (int) at + length));
    }

    /**
     * An interrupt between two copy_file_range calls ends the transfer with its count and closes both files,
     * as the JDK's interrupt does; the file position is set on the held descriptor, not through the channel,
     * whose own call would wait for this very transfer to leave the channel the interrupt is closing.
     */
    @Test
    void anInterruptBetweenCallsEndsTheCopyWithItsCount() throws Exception {
        ZeroCopyTransfer provider = boot(EmulatedFreeBsd.OS,
                FaultPlan.chunks(100_000).before(2, "interrupt", () -> Thread.currentThread().interrupt()));
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, WRITE)) {
            FutureTask<Throwable> transfer = new FutureTask<>(() -> {
                try {
                    provider.transfer(in, 0, 500_000, out);
                    return null;
                } catch (Throwable e) {
                    return e;
                } finally {
                    Thread.interrupted();
                }
            });
            new Thread(transfer, "transfer").start();
            Throwable thrown = transfer.get(20, TimeUnit.SECONDS);
            assertInstanceOf(TransferInterruptedException.class, thrown);
            assertEquals(300_000, ((PartialTransfer) thrown).bytesTransferred());
            assertFalse(in.isOpen(), "an interrupt closes both channels");
            assertFalse(out.isOpen(), "an interrupt closes both channels");
        }
        targetHolds(0, 0, 300_000);
    }

    @Test
    void transferToAFileAdvancesTheTargetsPositionOnly() throws Exception {
        ZeroCopyTransfer provider = boot(EmulatedFreeBsd.OS, FaultPlan.none());
        List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
            try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, WRITE)) {
                in.position(5);
                out.position(77);
                assertEquals(500_000, provider.transfer(in, 1000, 500_000, out));
                assertEquals(5, in.position());
                assertEquals(77 + 500_000, out.position());
            }
        });
        targetHolds(77, 1000, 500_000);
        assertEquals(500_000, kernel.moved());
        assertEquals("copy_file_range", events.get(0).mechanism());
        assertNull(events.get(0).fallbackReason());
    }

    @Test
    void transferFromAFileAdvancesTheSourcesPositionOnly() throws Exception {
        ZeroCopyTransfer provider = boot(EmulatedFreeBsd.OS, FaultPlan.chunks(65_537));
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, WRITE)) {
            in.position(300);
            out.position(3);
            assertEquals(SIZE - 300, provider.transfer(in, out, 10, Long.MAX_VALUE - 10));
            assertEquals(SIZE, in.position());
            assertEquals(3, out.position());
        }
        targetHolds(10, 300, SIZE - 300);
        assertEquals(SIZE - 300, kernel.moved());
    }

    @Test
    void eintrWithProgressIsReadFromTheOffsets() throws Exception {
        ZeroCopyTransfer provider = boot(EmulatedFreeBsd.OS, FaultPlan.progressWith(Errno.EINTR, 4097));
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, WRITE)) {
            assertEquals(SIZE, provider.transfer(in, 0, SIZE, out));
        }
        targetHolds(0, 0, SIZE);
        assertEquals(SIZE, kernel.moved());
    }

    @Test
    void anErrorAfterProgressSaysHowManyBytesAndAdvancesByThem() throws Exception {
        ZeroCopyTransfer provider = boot(EmulatedFreeBsd.OS, FaultPlan.failAfter(200_003, Errno.EIO));
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, WRITE)) {
            out.position(50);
            TransferFailedException e = assertThrows(TransferFailedException.class, () -> provider.transfer(in, 0, SIZE, out));
            assertEquals(200_003, e.bytesTransferred());
            assertEquals("EIO", e.errno());
            assertEquals(50 + 200_003, out.position());
        }
        targetHolds(50, 0, 200_003);
    }

    private void fallsBack(EmulatedOs os, String reason) throws Exception {
        ZeroCopyTransfer provider = boot(os, FaultPlan.none());
        List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
            try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, WRITE)) {
                assertEquals(SIZE, provider.transfer(in, 0, SIZE, out));
            }
        });
        targetHolds(0, 0, SIZE);
        assertEquals(0, kernel.calls());
        assertEquals("jdk", events.get(0).mechanism());
        assertEquals(reason, events.get(0).fallbackReason());
    }

    @Test
    void freeBsd12FallsBack() throws Exception {
        fallsBack(EmulatedFreeBsd.OS_12, "copy_file_range: needs FreeBSD 13 or later");
    }

    @Test
    void macOsFallsBack() throws Exception {
        fallsBack(EmulatedMacOs.OS, "copy_file_range: macOS has no copy_file_range");
    }

    @Test
    void anAppendingTargetFallsBack() throws Exception {
        ZeroCopyTransfer provider = boot(EmulatedFreeBsd.OS, FaultPlan.none());
        List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
            try (FileChannel in = FileChannel.open(source, READ);
                    FileChannel out = FileChannel.open(target, CREATE, WRITE, APPEND)) {
                assertEquals(SIZE, provider.transfer(in, 0, SIZE, out));
            }
        });
        targetHolds(100, 0, SIZE);
        assertEquals(0, kernel.calls());
        assertEquals("copy_file_range: the target file is opened for appending", events.get(0).fallbackReason());
    }
}
