package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test data generator is deterministic, independent of chunking, and its checker finds changes. */
class PseudoRandomStreamTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedSameBytesWhateverTheChunking() {
        ByteBuffer whole = ByteBuffer.allocate(1001);
        new PseudoRandomStream(7).fill(whole);
        ByteBuffer pieces = ByteBuffer.allocate(1001);
        PseudoRandomStream stream = new PseudoRandomStream(7);
        for (int size : new int[] {1, 3, 5, 2, 990}) {
            stream.fill(pieces.limit(pieces.position() + size));
        }
        assertArrayEquals(whole.array(), pieces.array());
        ByteBuffer other = ByteBuffer.allocate(1001);
        new PseudoRandomStream(8).fill(other);
        assertNotEquals(java.util.Arrays.toString(whole.array()), java.util.Arrays.toString(other.array()));
    }

    @Test
    void knownFirstBytes() {
        // Pins the stream: the same seed must give the same file in every module, run and version.
        ByteBuffer first = ByteBuffer.allocate(8);
        new PseudoRandomStream(42).fill(first);
        assertEquals(FIRST_BYTES_OF_SEED_42, java.util.HexFormat.of().formatHex(first.array()));
    }

    private static final String FIRST_BYTES_OF_SEED_42 = "8597b24006378b0a";

    @Test
    void firstMismatchFindsFlippedTruncatedAndExtendedBytes() throws IOException {
        Path file = dir.resolve("data");
        PseudoRandomStream.writeFile(file, 1, 3_000_000);
        assertEquals(-1, PseudoRandomStream.firstMismatch(file, 1, 3_000_000));
        assertEquals(0, PseudoRandomStream.firstMismatch(file, 2, 3_000_000));
        assertEquals(3_000_000, PseudoRandomStream.firstMismatch(file, 1, 3_000_001), "a prefix: its size");
        assertEquals(2_000_000, PseudoRandomStream.firstMismatch(file, 1, 2_000_000));
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) ~Files.readAllBytes(file)[2_500_000]}), 2_500_000);
        }
        assertEquals(2_500_000, PseudoRandomStream.firstMismatch(file, 1, 3_000_000));
    }
}
