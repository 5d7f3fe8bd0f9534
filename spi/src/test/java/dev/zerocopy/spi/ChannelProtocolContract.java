package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a provider holds its channels, as another thread sees it: that thread's own blocking write on the
 * transfer's socket, a close of either channel, an interrupt. A provider's test extends it and returns the
 * provider under test; the build runs it twice, in the JDK's own channel protocol (the default with the
 * tests' {@code --add-opens}) and with {@code -Ddev.zerocopy.protocol=dup} (the transfer's own
 * duplicates), and every test holds in both.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ChannelProtocolContract {

    private static final long SEED = 93;
    private static final long BIG = 64L << 20;

    /** The protocol this JVM's transfers use: {@code dup} where forced, else {@code guest}. */
    protected static final String EXPECTED_PROTOCOL =
            "dup".equals(System.getProperty("dev.zerocopy.protocol")) ? "dup" : "guest";

    /** A temporary directory per test. */
    @TempDir
    protected Path dir;

    /**
     * Returns the provider under test.
     *
     * @return the provider
     */
    protected abstract ZeroCopyTransfer provider();

    /**
     * Checks a transfer that a close or interrupt ended, beyond what every provider must keep: for
     * example, that an emulated kernel moved exactly the bytes reported. Does nothing by default.
     *
     * @param sent the bytes the transfer reported
     */
    protected void endedEarly(long sent) {
    }

    /**
     * Writes a file of pseudo-random bytes into {@link #dir}.
     *
     * @param name the file's name
     * @param size its size
     * @return the file
     * @throws IOException if writing fails
     */
    protected Path file(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        PseudoRandomStream.writeFile(file, SEED, size);
        return file;
    }

    @Test
    void theEventNamesTheProtocol() throws Exception {
        Path in = file("in", 100_000);
        try (FileChannel source = FileChannel.open(in, StandardOpenOption.READ); Loopback loop = Loopback.open()) {
            var received = loop.readAllOnPeer();
            List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
                assertEquals(100_000, provider().transfer(source, 0, 100_000, loop.near()));
                loop.near().shutdownOutput();
            });
            assertEquals(100_000, received.get(10, TimeUnit.SECONDS).bytes());
            assertEquals(1, events.size(), events.toString());
            assertEquals(EXPECTED_PROTOCOL, events.get(0).protocol());
            assertEquals("sendfile", events.get(0).mechanism());
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
        try (FileChannel source = FileChannel.open(in, StandardOpenOption.READ); Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(() -> provider().transfer(source, 0, size, loop.near()));
            new Thread(transfer, "transfer").start();
            ByteBuffer all = ByteBuffer.allocate(size + own.length);
            while (all.position() < 64 * 1024) {
                loop.far().read(all);                                  // the transfer is under way
            }
            FutureTask<Integer> write = new FutureTask<>(() -> loop.near().write(ByteBuffer.wrap(own)));
            new Thread(write, "writer").start();
            while (all.hasRemaining()) {
                loop.far().read(all);
            }
            assertEquals(size, transfer.get(10, TimeUnit.SECONDS));
            assertEquals(own.length, write.get(10, TimeUnit.SECONDS), "the other thread's blocking write is whole");
            byte[] expected = Files.readAllBytes(in);
            byte[] got = all.array();
            assertTrue(Arrays.equals(got, 0, size, expected, 0, size), "the transfer's bytes come first, whole");
            assertTrue(Arrays.equals(got, size, got.length, own, 0, own.length), "then the other thread's");
        }
    }

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
        try (FileChannel source = FileChannel.open(file("in", BIG), StandardOpenOption.READ);
                Loopback loop = Loopback.open()) {
            FutureTask<Long> transfer = new FutureTask<>(() -> provider().transfer(source, 0, BIG, loop.near()));
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
            endedEarly(sent);
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
                    LockSupport.parkNanos(10_000_000);                   // the peer's pace, not a sync
                }
            } catch (IOException e) {
                // the test closed it
            }
        }, "slow-peer");
        peer.start();
        return peer;
    }
}
