package dev.zerocopy.spi;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.portable.PortableTransfer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every transfer commits one {@code dev.zerocopy.Transfer} event that says what ran. */
@Timeout(60)
class TransferEventTest {

    @TempDir
    Path dir;

    @Test
    void recordsProviderMechanismDirectionAndBytes() throws Exception {
        Path in = dir.resolve("in");
        PseudoRandomStream.writeFile(in, 1, 100_000);
        List<RecordedTransfers.Transfer> events = RecordedTransfers.of(() -> {
            try (FileChannel source = FileChannel.open(in, READ);
                    FileChannel target = FileChannel.open(dir.resolve("out"), CREATE, WRITE);
                    Loopback loop = Loopback.open()) {
                new PortableTransfer().transfer(source, 0, 100_000, target);
                loop.writeOnPeer(1, 5000);
                new PortableTransfer().transfer(loop.near(), target, 0, 5000);
            }
        });
        assertEquals(2, events.size());
        RecordedTransfers.Transfer first = events.get(0);
        assertEquals("portable", first.provider());
        assertEquals("file->file", first.direction());
        assertEquals("jdk", first.mechanism());
        assertEquals(100_000, first.bytes());
        assertEquals(Thread.currentThread().getName(), first.thread());
        RecordedTransfers.Transfer second = events.get(1);
        assertEquals("socket->file", second.direction());
        assertEquals("buffer", second.mechanism());
        assertEquals(5000, second.bytes());
    }
}
