package dev.zerocopy.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A connected pair of TCP socket channels on the loopback address and a background peer thread, for
 * tests: {@link #near()} is the end the code under test uses (the connecting end), {@link #far()} the
 * accepted end the peer thread reads or writes. Closing it closes both ends and waits for the peer
 * thread to end, so no thread outlives the pair.
 */
public final class Loopback implements AutoCloseable {

    private final SocketChannel near;
    private final SocketChannel far;
    private final ExecutorService peer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loopback-peer");
        t.setDaemon(true);
        return t;
    });

    private Loopback(SocketChannel near, SocketChannel far) {
        this.near = near;
        this.far = far;
    }

    /**
     * Opens a connected pair.
     *
     * @return the pair
     * @throws IOException if the loopback connection fails
     */
    public static Loopback open() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel near = SocketChannel.open(server.getLocalAddress());
            return new Loopback(near, server.accept());
        }
    }

    /**
     * Returns the end the code under test uses.
     *
     * @return the channel
     */
    public SocketChannel near() {
        return near;
    }

    /**
     * Returns the end the peer thread uses.
     *
     * @return the channel
     */
    public SocketChannel far() {
        return far;
    }

    /**
     * Waits until bytes sent from the near end are readable at the far end, without reading them: from
     * then on a sender of more than the socket buffers hold is past its argument checks and moving bytes.
     * Leaves the far end in blocking mode.
     *
     * @throws IOException if the far end cannot be watched
     */
    public void awaitBytesAtFar() throws IOException {
        try (Selector selector = Selector.open()) {
            far.configureBlocking(false);
            far.register(selector, SelectionKey.OP_READ);
            while (selector.select() == 0) {
                // woken without a ready key: wait again
            }
        }
        far.configureBlocking(true);
    }

    /** What the peer read. */
    public record Received(long bytes, long crc) {
    }

    /**
     * Starts reading the far end until end-of-stream on the peer thread.
     *
     * @return the number of bytes read and their CRC32C
     */
    public Future<Received> readAllOnPeer() {
        return peer.submit(() -> {
            CRC32C crc = new CRC32C();
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
            long total = 0;
            while (far.read(buffer.clear()) >= 0) {
                buffer.flip();
                total += buffer.remaining();
                crc.update(buffer);
            }
            return new Received(total, crc.getValue());
        });
    }

    /**
     * Starts reading the far end into a file until end-of-stream on the peer thread, with plain NIO.
     *
     * @param file the file to create or truncate
     * @return the bytes received, once the near end has shut its output down
     */
    public Future<Long> receiveInto(Path file) {
        return peer.submit(() -> {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
                long total = 0;
                while (far.read(buffer.clear()) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        total += out.write(buffer);
                    }
                }
                return total;
            }
        });
    }

    /**
     * Starts writing the stream of {@code seed} to the far end on the peer thread, then shuts down
     * its output.
     *
     * @param seed  the {@link PseudoRandomStream} seed
     * @param bytes how many bytes
     * @return completes when everything was written
     */
    public CompletableFuture<Void> writeOnPeer(long seed, long bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                PseudoRandomStream stream = new PseudoRandomStream(seed);
                ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
                long left = bytes;
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(left, buffer.capacity()));
                    stream.fill(buffer);
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        left -= far.write(buffer);
                    }
                }
                far.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, peer);
    }

    /**
     * Returns the CRC32C of the first {@code bytes} of the stream of {@code seed}.
     *
     * @param seed  the seed
     * @param bytes how many bytes
     * @return the checksum
     */
    public static long crcOf(long seed, long bytes) {
        PseudoRandomStream stream = new PseudoRandomStream(seed);
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long left = bytes;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(left, buffer.capacity()));
            stream.fill(buffer);
            buffer.flip();
            left -= buffer.remaining();
            crc.update(buffer);
        }
        return crc.getValue();
    }

    @Override
    public void close() throws IOException {
        try (near; far) {
            peer.shutdownNow();
        } finally {
            awaitPeer();
        }
    }

    private void awaitPeer() throws IOException {
        try {
            if (!peer.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IOException("the loopback peer thread did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
