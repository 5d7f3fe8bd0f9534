package dev.zerocopy.bench;

import dev.zerocopy.JdkTransfers;
import dev.zerocopy.spi.PseudoRandomStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The far end of a loopback connection, the same for every variant of a scenario: it listens on
 * 127.0.0.1, accepts one connection on its own thread and either <em>sinks</em> what arrives (reads into a
 * 1 MiB direct buffer and discards, or compares with the {@link PseudoRandomStream} when verifying) or
 * <em>sources</em> a file range (waits for the variant's one "go" byte, then sends with the JDK's
 * {@code transferTo}, which is sendfile on Linux, and closes). It reports the bytes it saw and the CPU time
 * its thread used, which the harness subtracts from an in-process variant's process CPU time.
 */
public final class Peer implements AutoCloseable {

    /**
     * What the peer saw.
     *
     * @param bytes      the bytes received or sent
     * @param cpuNanos   the CPU time of the peer's thread
     * @param mismatchAt the offset of the first received byte that differs from the expected stream, or
     *                   {@code -1} if none differs or the peer did not verify
     */
    public record Result(long bytes, long cpuNanos, long mismatchAt) {
    }

    /** What the peer does with its connection. */
    @FunctionalInterface
    private interface Role {
        Result serve(SocketChannel channel) throws IOException;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SINK_BUFFER = 1 << 20;
    private static final long AWAIT_SECONDS = 600;

    private final ServerSocketChannel server;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile SocketChannel accepted;

    private Peer(String name, Role role) throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(() -> run(role), name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a sink.
     *
     * @param verifySeed the seed of the stream to compare with, or {@code null} to discard unchecked
     * @return the running sink
     * @throws IOException if it cannot listen
     */
    public static Peer sink(Long verifySeed) throws IOException {
        return new Peer("bench-sink", channel -> sink(channel, verifySeed));
    }

    /**
     * Starts a source.
     *
     * @param file   the file to send
     * @param offset the first byte to send
     * @param count  the bytes to send
     * @return the running source
     * @throws IOException if it cannot listen
     */
    public static Peer source(Path file, long offset, long count) throws IOException {
        return new Peer("bench-source", channel -> source(channel, file, offset, count));
    }

    /**
     * Returns the address to connect to.
     *
     * @return 127.0.0.1 and the port
     * @throws IOException if the listener is closed
     */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /**
     * Returns the port to connect to.
     *
     * @return the port
     * @throws IOException if the listener is closed
     */
    public int port() throws IOException {
        return address().getPort();
    }

    /**
     * Waits for the peer to finish its connection.
     *
     * @return what it saw
     * @throws IOException if the peer failed or did not finish within ten minutes
     */
    public Result await() throws IOException {
        try {
            return result.get(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("peer failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("peer did not finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the peer", e);
        }
    }

    /** Closes the listener and the connection, which ends a peer that still waits. */
    @Override
    public void close() throws IOException {
        server.close();
        SocketChannel channel = accepted;
        if (channel != null) {
            channel.close();
        }
    }

    private void run(Role role) {
        try (ServerSocketChannel listener = server; SocketChannel channel = listener.accept()) {
            accepted = channel;
            result.complete(role.serve(channel));
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static Result sink(SocketChannel channel, Long verifySeed) throws IOException {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(SINK_BUFFER);
        PseudoRandomStream stream = verifySeed == null ? null : new PseudoRandomStream(verifySeed);
        ByteBuffer expected = stream == null ? null : ByteBuffer.allocateDirect(SINK_BUFFER);
        long total = 0;
        long mismatch = -1;
        int n;
        while ((n = channel.read(buffer.clear())) >= 0) {
            if (stream != null && mismatch < 0) {
                buffer.flip();
                expected.clear().limit(n);
                stream.fill(expected);
                int at = expected.flip().mismatch(buffer);
                if (at >= 0) {
                    mismatch = total + at;
                }
            }
            total += n;
        }
        return new Result(total, THREADS.getCurrentThreadCpuTime() - cpu0, mismatch);
    }

    private static Result source(SocketChannel channel, Path file, long offset, long count) throws IOException {
        ByteBuffer go = ByteBuffer.allocate(1);
        while (go.hasRemaining()) {
            if (channel.read(go) < 0) {
                throw new IOException("the variant closed before sending its go byte");
            }
        }
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long sent = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            sent = JdkTransfers.transferTo(in, offset, count, channel);
        }
        channel.shutdownOutput();
        return new Result(sent, THREADS.getCurrentThreadCpuTime() - cpu0, -1);
    }
}
