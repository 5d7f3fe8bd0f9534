package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transfer's target is closed by another thread as the transfer starts while a third thread opens new
 * files, which the kernel gives the lowest free descriptor numbers, the closed target's among them: no
 * byte may reach one of the new files. The pure-Java path writes to a socket target with the socket's own
 * writes before JDK 21 (the JDK's {@code transferTo} there uses the target's number unregistered) and
 * registers a file target with the JDK's channel protocol for the JDK's call (the tests open
 * {@code sun.nio.ch}); from JDK 21 the JDK's own call registers both.
 */
@Timeout(120)
class PortableFdReuseTest {

    private static final ZeroCopyTransfer PORTABLE = new PortableTransfer();
    private static final int SIZE = 4 << 20;
    private static final int ROUNDS = 300;
    /** The close lands at a random point of this span after the transfer's thread starts the call. */
    private static final long JITTER_NANOS = 50_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file->socket", "file->file", "socket->file"})
    void aClosedTargetsNumberReusedByANewFileNeverReceivesBytes(String direction) throws Exception {
        assumeTrue(!direction.equals("file->file") || JdkChannelProtocol.AVAILABLE
                        || Runtime.version().feature() >= 21,
                "before JDK 21 without the JDK's channel protocol, the JDK's transferTo into a file is used as it is");
        Path source = Files.write(dir.resolve("source"), new byte[SIZE]);
        Path fresh = Files.createDirectory(dir.resolve("fresh"));
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<long[]> opener = new CompletableFuture<>();
        Thread openerThread = new Thread(() -> {
            try {
                opener.complete(openFiles(fresh, stop));
            } catch (Throwable e) {
                opener.completeExceptionally(e);
            }
        }, "opener");
        openerThread.start();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                race(direction, source, round);
            }
        } finally {
            stop.set(true);
        }
        long[] filesAndBytes = opener.get(30, TimeUnit.SECONDS);
        assertEquals(0, filesAndBytes[1], direction + ": bytes in " + filesAndBytes[0] + " unrelated new files");
    }

    /** One transfer whose target another thread closes at once. */
    private void race(String direction, Path source, int round) throws Exception {
        try (Loopback loop = Loopback.open(); FileChannel in = FileChannel.open(source)) {
            FileChannel file = direction.equals("file->socket") ? null
                    : FileChannel.open(dir.resolve("target" + round), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try (file) {
                if (direction.equals("socket->file")) {
                    loop.writeOnPeer(round, SIZE);
                } else {
                    loop.readAllOnPeer();
                }
                WritableByteChannel target = file != null && direction.equals("file->file") ? file : loop.near();
                CountDownLatch starting = new CountDownLatch(1);
                PortableStopsTest.Running transfer = PortableStopsTest.Running.start(() -> {
                    starting.countDown();
                    try {
                        return direction.equals("socket->file") ? PORTABLE.transfer(loop.near(), file, 0, SIZE)
                                : PORTABLE.transfer(in, 0, SIZE, target);
                    } catch (IOException expected) {
                        return -1L;
                    }
                });
                starting.await();
                long closeAt = System.nanoTime() + ThreadLocalRandom.current().nextLong(JITTER_NANOS);
                while (System.nanoTime() < closeAt) {
                    Thread.onSpinWait();     // a random point of the transfer's start: that is the race
                }
                (direction.equals("socket->file") ? file : target).close();
                transfer.result().get(30, TimeUnit.SECONDS);
                transfer.thread().join();
            }
        }
    }

    /**
     * Opens new empty files until stopped, keeping the last few open; a file's size is final once it is
     * closed (its number is no longer its own), and it is then deleted.
     *
     * @return the files opened and the bytes found in them
     */
    private static long[] openFiles(Path into, AtomicBoolean stop) {
        ArrayDeque<FileChannel> open = new ArrayDeque<>();
        long files = 0;
        long bytes = 0;
        try {
            while (!stop.get() || !open.isEmpty()) {
                if (!stop.get()) {
                    Path path = into.resolve("new" + files++);
                    open.add(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            StandardOpenOption.DELETE_ON_CLOSE));
                }
                if (open.size() > 4 || stop.get()) {
                    FileChannel oldest = open.remove();
                    try (oldest) {
                        bytes += oldest.size();
                    }
                }
            }
            return new long[] {files, bytes};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
