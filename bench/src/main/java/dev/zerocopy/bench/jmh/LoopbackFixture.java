package dev.zerocopy.bench.jmh;

import dev.zerocopy.bench.Peer;
import dev.zerocopy.spi.PseudoRandomStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the per-call benchmarks send: a page-cached file of 1024 slots of 16 KiB, and a socket connected
 * to a loopback sink that drains it. {@link #nextPosition()} cycles through the slots.
 */
final class LoopbackFixture implements AutoCloseable {

    /** The bytes of one call. */
    static final int CALL = 16 << 10;
    private static final int SLOTS = 1024;

    private final Path dir;
    private final Path file;
    private final Peer sink;
    private final SocketChannel socket;
    private long slot;

    LoopbackFixture() throws IOException {
        dir = Files.createTempDirectory("zerocopy-jmh");
        file = dir.resolve("source.bin");
        PseudoRandomStream.writeFile(file, 1, (long) CALL * SLOTS);
        sink = Peer.sink(null);
        socket = SocketChannel.open(sink.address());
    }

    Path file() {
        return file;
    }

    SocketChannel socket() {
        return socket;
    }

    long nextPosition() {
        slot = (slot + 1) % SLOTS;
        return slot * CALL;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        sink.await();
        sink.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
