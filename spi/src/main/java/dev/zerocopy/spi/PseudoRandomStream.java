package dev.zerocopy.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A deterministic stream of pseudo-random bytes from a PCG32 generator (O'Neill's XSH-RR output over a
 * 64-bit linear congruential state), the data of the large network copy that the tests, the demo and
 * the benchmarks run: every run of every provider moves the same bytes, and a receiver can verify what
 * it got without keeping the original.
 *
 * <p>Not thread-safe; not for cryptography.
 */
public final class PseudoRandomStream {

    private static final long MULTIPLIER = 6364136223846793005L;
    private static final int WRITE_CHUNK = 1 << 20;

    private final long increment;
    private long state;
    private int buffered;
    private int bufferedCount;

    /**
     * Creates a stream.
     *
     * @param seed the seed; equal seeds give equal streams
     */
    public PseudoRandomStream(long seed) {
        this.increment = (seed << 1) | 1;
        this.state = seed + increment;
        nextInt();
    }

    private int nextInt() {
        long old = state;
        state = old * MULTIPLIER + increment;
        int xorShifted = (int) (((old >>> 18) ^ old) >>> 27);
        int rotation = (int) (old >>> 59);
        return Integer.rotateRight(xorShifted, rotation);
    }

    /**
     * Fills the buffer's remaining bytes with the next bytes of the stream.
     *
     * @param buffer the buffer; its position is advanced to its limit
     */
    public void fill(ByteBuffer buffer) {
        while (bufferedCount > 0 && buffer.hasRemaining()) {
            buffer.put((byte) buffered);
            buffered >>>= 8;
            bufferedCount--;
        }
        ByteOrder order = buffer.order();
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() >= 4) {
            buffer.putInt(nextInt());
        }
        buffer.order(order);
        if (buffer.hasRemaining()) {
            buffered = nextInt();
            bufferedCount = 4;
            while (buffer.hasRemaining()) {
                buffer.put((byte) buffered);
                buffered >>>= 8;
                bufferedCount--;
            }
        }
    }

    /**
     * Writes the first {@code size} bytes of the stream of {@code seed} to a new or truncated file.
     *
     * @param file the file
     * @param seed the seed
     * @param size the number of bytes
     * @throws IOException if writing fails
     */
    public static void writeFile(Path file, long seed, long size) throws IOException {
        PseudoRandomStream stream = new PseudoRandomStream(seed);
        ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_CHUNK);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(left, WRITE_CHUNK));
                stream.fill(buffer);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    left -= out.write(buffer);
                }
            }
        }
    }

    /**
     * Compares a file with the first bytes of the stream of {@code seed}.
     *
     * @param file the file
     * @param seed the seed
     * @param size the expected size
     * @return {@code -1} if the file has exactly {@code size} bytes, all equal to the stream's; otherwise
     *         the offset of the first difference (the file's size, if it is a prefix of the stream)
     * @throws IOException if reading fails
     */
    public static long firstMismatch(Path file, long seed, long size) throws IOException {
        PseudoRandomStream stream = new PseudoRandomStream(seed);
        ByteBuffer expected = ByteBuffer.allocateDirect(WRITE_CHUNK);
        ByteBuffer actual = ByteBuffer.allocateDirect(WRITE_CHUNK);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = 0;
            while (true) {
                actual.clear();
                int n = in.read(actual);
                if (n <= 0) {
                    return offset == size ? -1 : offset;
                }
                actual.flip();
                expected.clear().limit(n);
                stream.fill(expected);
                expected.flip();
                int at = expected.mismatch(actual);
                if (at >= 0 || offset + n > size) {
                    return offset + (at >= 0 ? Math.min(at, size - offset) : size - offset);
                }
                offset += n;
            }
        }
    }
}
