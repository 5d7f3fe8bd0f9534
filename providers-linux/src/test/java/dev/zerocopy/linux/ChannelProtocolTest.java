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
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.ChannelProtocolContract;
import dev.zerocopy.spi.Loopback;
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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a transfer holds its channels, on the real kernel: the toolkit's {@link ChannelProtocolContract}
 * (another thread's blocking writes on the same socket, closes of either channel, interrupts), a receiver
 * parked on a quiet socket, and descriptor numbers reused by new opens. The class runs twice in the build: in the JDK's own channel protocol (the default with
 * {@code --add-opens}) and with {@code -Ddev.zerocopy.protocol=dup} (the transfer's own duplicates); every
 * test holds in both.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelProtocolTest extends ChannelProtocolContract {

    private static final long BIG = 64L << 20;

    private final LinuxTransfer linux = new LinuxTransfer();

    @Override
    protected ZeroCopyTransfer provider() {
        return linux;
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
    private static void readAtLeast(SocketChannel far, ByteBuffer into, int bytes) throws IOException {
        while (into.position() < bytes) {
            far.read(into);
        }
    }
}
