package dev.zerocopy.linux;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a transfer holds its channels, on the real kernel: what another thread sees while it runs (its own
 * blocking writes on the same socket, closes of either channel, interrupts, descriptor numbers reused by
 * new opens). The class runs twice in the build: in the JDK's own channel protocol (the default with
 * {@code --add-opens}) and with {@code -Ddev.zerocopy.protocol=dup} (the transfer's own duplicates); every
 * test holds in both.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelProtocolTest {

    private static final long SEED = 91;
    private static final long BIG = 64L << 20;
    private static final String EXPECTED_PROTOCOL =
            "dup".equals(System.getProperty("dev.zerocopy.protocol")) ? "dup" : "guest";

    private final LinuxTransfer linux = new LinuxTransfer();

    @TempDir
    Path dir;

    private Path file(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        PseudoRandomStream.writeFile(file, SEED, size);
        return file;
    }

    @Test
    void theEventNamesTheProtocol() throws Exception {
        Path in = file("in", 100_000);
        try (FileChannel source = FileChannel.open(in, READ); Loopback loop = Loopback.open()) {
            var received = loop.readAllOnPeer();
            List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
                assertEquals(100_000, linux.transfer(source, 0, 100_000, loop.near()));
                loop.near().shutdownOutput();
            });
            assertEquals(100_000, received.get(10, TimeUnit.SECONDS).bytes());
            assertEquals(1, events.size());
            assertEquals(EXPECTED_PROTOCOL, events.get(0).protocol());
            assertEquals("sendfile", events.get(0).mechanism());
            assertFalse(events.get(0).virtualThread());
        }
    }

    /**
     * A blocking {@code write} of another thread on the transfer's socket waits for the transfer, as it
     * waits for the JDK's own transfer: it writes all its bytes, and they do not land inside the transfer's.
     */
    @Test
    void anotherThreadsBlockingWriteIsWholeAndNotInterleaved() throws Exception {
        int size = 8 << 20;
        Path in = file("in", size);
        byte[] own = new byte[1 << 20];
        Arrays.fill(own, (byte) 0x5a);
        try (FileChannel source = FileChannel.open(in, READ); Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(() -> linux.transfer(source, 0, size, loop.near()));
            new Thread(transfer, "transfer").start();
            ByteBuffer all = ByteBuffer.allocate(size + own.length);
            readAtLeast(loop.far(), all, 64 * 1024);                 // the transfer is under way
            FutureTask<Integer> write = new FutureTask<>(() -> loop.near().write(ByteBuffer.wrap(own)));
            new Thread(write, "writer").start();
            while (all.hasRemaining()) {
                loop.far().read(all);
            }
            assertEquals(size, transfer.get(10, TimeUnit.SECONDS));
            assertEquals(own.length, write.get(10, TimeUnit.SECONDS), "the other thread's blocking write is whole");
            byte[] expected = new byte[size];
            ByteBuffer.wrap(Files.readAllBytes(in)).get(expected);
            byte[] got = all.array();
            assertTrue(Arrays.equals(got, 0, size, expected, 0, size), "the transfer's bytes come first, whole");
            assertTrue(Arrays.equals(got, size, got.length, own, 0, own.length), "then the other thread's");
        }
    }

    /** A peer that keeps draining slowly does not hide a close of the file from the transfer. */
    @Test
    void closingTheFileEndsATransferToASlowPeer() throws Exception {
        endATransferToASlowPeer(0);
    }

    @Test
    void closingTheSocketEndsATransferToASlowPeer() throws Exception {
        endATransferToASlowPeer(1);
    }

    @Test
    void interruptEndsATransferToASlowPeer() throws Exception {
        endATransferToASlowPeer(2);
    }

    /**
     * Sends 64 MiB to a peer that drains about 6 MB/s, and once 256 KiB arrived ends the transfer: closes
     * the file (0), the socket (1), or interrupts the transferring thread (2). The transfer ends within a
     * second with the JDK's exception, and its count is exactly what the peer received.
     */
    private void endATransferToASlowPeer(int how) throws Exception {
        try (FileChannel source = FileChannel.open(file("in", BIG), READ); Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(() -> linux.transfer(source, 0, BIG, loop.near()));
            Thread thread = new Thread(transfer, "transfer");
            thread.start();
            AtomicLong received = new AtomicLong();
            Thread peer = slowPeer(loop.far(), received);
            while (received.get() < 256 * 1024) {
                Thread.onSpinWait();
            }
            long endedAt = System.nanoTime();
            switch (how) {
                case 0 -> source.close();
                case 1 -> loop.near().close();
                default -> thread.interrupt();
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> transfer.get(10, TimeUnit.SECONDS));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - endedAt);
            Class<? extends Throwable> expected =
                    how == 2 ? ClosedByInterruptException.class : AsynchronousCloseException.class;
            assertTrue(expected.isInstance(e.getCause()), "case " + how + ": " + e.getCause());
            assertTrue(took < 1000, "ended " + took + " ms after the close or interrupt");
            long sent = ((PartialTransfer) e.getCause()).bytesTransferred();
            assertTrue(sent >= 256 * 1024 && sent < BIG, "ended early: " + sent);
            if (how == 0) {
                loop.near().shutdownOutput();
            } else {
                assertFalse(loop.near().isOpen());
                assertEquals(how == 2, !source.isOpen(), "an interrupt closes both channels");
            }
            peer.join();
            if (how != 1) {          // a close of the socket may discard what its send buffer held
                assertEquals(sent, received.get(), "bytesTransferred is what the peer received");
            }
        }
    }

    /** A receiver parked on a quiet socket: a close of the file, of the socket, or an interrupt ends it. */
    @Test
    void aReceiverParkedOnAQuietSocketEndsOnEveryClose() throws Exception {
        for (int which = 0; which < 3; which++) {
            try (FileChannel target = FileChannel.open(dir.resolve("out" + which), CREATE, WRITE);
                    Loopback loop = Loopback.open()) {
                loop.far().write(ByteBuffer.wrap(new byte[1000]));
                FutureTask<Long> transfer = new FutureTask<>(() -> linux.transfer(loop.near(), target, 0, BIG));
                Thread thread = new Thread(transfer, "receiver");
                thread.start();
                while (target.size() < 1000) {
                    Thread.onSpinWait();                                    // the 1000 bytes arrived
                }
                Channel closed = which == 0 ? target : loop.near();
                long at = System.nanoTime();
                if (which < 2) {
                    closed.close();
                } else {
                    thread.interrupt();
                }
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> transfer.get(10, TimeUnit.SECONDS));
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at);
                Class<? extends Throwable> expected =
                        which < 2 ? AsynchronousCloseException.class : ClosedByInterruptException.class;
                assertTrue(expected.isInstance(e.getCause()), "case " + which + ": " + e.getCause());
                assertEquals(1000, ((PartialTransfer) e.getCause()).bytesTransferred(), "case " + which);
                assertTrue(took < 1000, "case " + which + " ended " + took + " ms after the close");
            }
        }
    }

    /**
     * Closes race transfers while new files are opened at once, so that the kernel hands out the closed
     * numbers again: no byte of a transfer ever lands in a file it was not given.
     */
    @Test
    void aClosedNumberReusedByANewFileNeverReceivesBytes() throws Exception {
        Path in = file("in", 1 << 20);
        List<Path> bystanders = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            try (FileChannel source = FileChannel.open(in, READ); Loopback loop = Loopback.open()) {
                var drained = loop.readAllOnPeer();
                FutureTask<Long> transfer = new FutureTask<>(() -> linux.transfer(source, 0, 1 << 20, loop.near()));
                new Thread(transfer, "transfer").start();
                if (round % 2 == 0) {
                    loop.near().close();
                } else {
                    source.close();
                }
                for (int i = 0; i < 3; i++) {
                    Path bystander = dir.resolve("bystander-" + round + "-" + i);
                    Files.createFile(bystander);
                    bystanders.add(bystander);
                    try (FileChannel open = FileChannel.open(bystander, WRITE)) {
                        assertTrue(open.isOpen());
                    }
                }
                try {
                    transfer.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException expected) {
                    assertInstanceOf(IOException.class, expected.getCause());
                }
                loop.near().close();
                drained.cancel(true);
            }
        }
        for (Path bystander : bystanders) {
            assertEquals(0, Files.size(bystander), bystander + " received bytes");
        }
    }

    /** Reads 64 KiB every 10 ms (about 6 MB/s) until the end of the stream. */
    private static Thread slowPeer(SocketChannel far, AtomicLong received) {
        Thread peer = new Thread(() -> {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            try {
                while (true) {
                    int n = far.read(chunk.clear());
                    if (n < 0) {
                        return;
                    }
                    received.addAndGet(n);
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);   // the peer's pace, not a sync
                }
            } catch (IOException e) {
                // the test closed it
            }
        }, "slow-peer");
        peer.start();
        return peer;
    }

    private static void readAtLeast(SocketChannel far, ByteBuffer into, int bytes) throws IOException {
        while (into.position() < bytes) {
            far.read(into);
        }
    }
}
