package dev.zerocopy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.spi.PseudoRandomStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The peers verify what they must: a wrong byte is found where it is, a right stream passes. */
class PeerTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void sinkFindsTheFirstWrongByte() throws Exception {
        ByteBuffer data = stream(BenchEnv.SEED, 300_000);
        data.put(123_457, (byte) ~data.get(123_457));
        try (Peer sink = Peer.sink(BenchEnv.SEED)) {
            try (SocketChannel out = SocketChannel.open(sink.address())) {
                while (data.hasRemaining()) {
                    out.write(data);
                }
            }
            Peer.Result result = sink.await();
            assertEquals(300_000, result.bytes());
            assertEquals(123_457, result.mismatchAt());
        }
    }

    @Test
    @Timeout(30)
    void sourceSendsTheFileAfterTheGoByteAndTheSinkAcceptsIt() throws Exception {
        Path file = dir.resolve("source.bin");
        BenchEnv.writeSource(file, 200_000);
        try (Peer source = Peer.source(file, 0, 150_000); Peer sink = Peer.sink(BenchEnv.SEED)) {
            try (SocketChannel in = SocketChannel.open(source.address());
                    SocketChannel out = SocketChannel.open(sink.address())) {
                in.write(ByteBuffer.wrap(new byte[] {'g'}));
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (in.read(buffer.clear()) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
            }
            assertEquals(150_000, source.await().bytes());
            Peer.Result received = sink.await();
            assertEquals(150_000, received.bytes());
            assertEquals(-1, received.mismatchAt());
        }
    }

    private static ByteBuffer stream(long seed, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        new PseudoRandomStream(seed).fill(buffer);
        return buffer.flip();
    }
}
