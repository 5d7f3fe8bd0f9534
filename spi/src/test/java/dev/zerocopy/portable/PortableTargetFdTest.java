package dev.zerocopy.portable;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.RecordedTransfers;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before JDK 21 the JDK's {@code transferTo} hands a target's bare fd number to {@code sendfile}, so a
 * target closed meanwhile may have its number reused by a new file that then receives the bytes; the
 * portable provider then copies into a socket or pipe with the target's own writes instead. From JDK 21
 * the JDK's transfer is used (it registers with the target first).
 */
@Timeout(30)
class PortableTargetFdTest {

    @TempDir
    Path dir;

    private static final String EXPECTED = Runtime.version().feature() >= 21 ? "jdk" : "buffer";

    @Test
    void fileToSocketUsesTheTargetsOwnWritesBeforeJdk21() throws Exception {
        Path source = Files.write(dir.resolve("in"), new byte[100_000]);
        try (FileChannel in = FileChannel.open(source, READ); Loopback loop = Loopback.open()) {
            loop.readAllOnPeer();
            List<RecordedTransfers.Transfer> events = RecordedTransfers.of(
                    () -> assertEquals(100_000, new PortableTransfer().transfer(in, 0, 100_000, loop.near())));
            assertEquals(EXPECTED, events.get(0).mechanism());
        }
    }

    @Test
    void fileToFileKeepsTheJdksCall() throws Exception {
        // sendfile's bytes for a copy of a file onto an overlapping range of itself are the JDK's answer
        Path source = Files.write(dir.resolve("in"), new byte[100_000]);
        try (FileChannel in = FileChannel.open(source, READ);
                FileChannel out = FileChannel.open(Files.createFile(dir.resolve("out")), WRITE)) {
            List<RecordedTransfers.Transfer> events = RecordedTransfers.of(
                    () -> assertEquals(100_000, new PortableTransfer().transfer(in, 0, 100_000, out)));
            assertEquals("jdk", events.get(0).mechanism());
            assertEquals(100_000, out.size());
        }
    }
}
