package dev.zerocopy.cli.http;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Connections waiting for their next request, watched by one thread with a {@link Selector}: an idle
 * keep-alive connection holds no worker thread. When bytes (or the end of the stream) arrive, the
 * connection is switched back to blocking mode and handed to the workers; a connection idle longer
 * than the idle timeout is closed.
 *
 * <p>Thread-safe: {@link #park(HttpConnection)} and {@link #close()} may be called from any thread.
 */
final class IdleConnections implements AutoCloseable {

    private final Selector selector;
    private final long idleNanos;
    private final Consumer<HttpConnection> ready;
    private final Queue<HttpConnection> arriving = new ConcurrentLinkedQueue<>();
    private final Thread watcher;
    private volatile boolean closed;

    /** A parked connection and when it expires. */
    private record Parked(HttpConnection connection, long deadline) {
    }

    /**
     * Starts the watching thread.
     *
     * @param idleMillis how long a connection may wait for its next request
     * @param ready      receives connections that have bytes to read, in blocking mode again
     * @throws IOException if no selector can be opened
     */
    IdleConnections(long idleMillis, Consumer<HttpConnection> ready) throws IOException {
        this.selector = Selector.open();
        this.idleNanos = idleMillis * 1_000_000L;
        this.ready = ready;
        this.watcher = new Thread(this::watch, "zerocopy-http-idle");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    /**
     * Waits for the connection's next request without a thread. Closes it if this is closed.
     *
     * @param connection a connection with no buffered request bytes
     */
    void park(HttpConnection connection) {
        arriving.add(connection);
        selector.wakeup();
        if (closed) {
            closeArriving();
        }
    }

    private void watch() {
        try {
            while (!closed) {
                registerArriving();
                long now = System.nanoTime();
                long wait = expire(now);
                if (selector.selectedKeys().isEmpty()) {
                    selector.select(Math.max(1, wait / 1_000_000L));
                }
                handOver();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing
        } finally {
            closeAll();
        }
    }

    private void registerArriving() {
        for (HttpConnection connection = arriving.poll(); connection != null; connection = arriving.poll()) {
            SocketChannel socket = connection.socket();
            try {
                socket.configureBlocking(false);
                socket.register(selector, SelectionKey.OP_READ, new Parked(connection, System.nanoTime() + idleNanos));
            } catch (IOException | RuntimeException e) {
                connection.close();
            }
        }
    }

    /** Closes expired connections; returns the nanoseconds until the next expiry. */
    private long expire(long now) {
        long next = idleNanos;
        for (SelectionKey key : selector.keys()) {
            if (!key.isValid()) {
                continue;
            }
            Parked parked = (Parked) key.attachment();
            long left = parked.deadline() - now;
            if (left <= 0) {
                key.cancel();
                parked.connection().close();
            } else {
                next = Math.min(next, left);
            }
        }
        return next;
    }

    /** Hands every readable connection to the workers, in blocking mode. */
    private void handOver() throws IOException {
        List<HttpConnection> readable = new ArrayList<>();
        for (SelectionKey key : selector.selectedKeys()) {
            if (key.isValid()) {
                key.cancel();
                readable.add(((Parked) key.attachment()).connection());
            }
        }
        selector.selectedKeys().clear();
        if (readable.isEmpty()) {
            return;
        }
        // A cancelled key is deregistered by the next selection; only then may the channel block again.
        selector.selectNow();
        for (HttpConnection connection : readable) {
            try {
                connection.socket().configureBlocking(true);
                ready.accept(connection);
            } catch (IOException | RuntimeException e) {
                connection.close();
            }
        }
    }

    private void closeArriving() {
        for (HttpConnection connection = arriving.poll(); connection != null; connection = arriving.poll()) {
            connection.close();
        }
    }

    private void closeAll() {
        closeArriving();
        try {
            for (SelectionKey key : selector.keys()) {
                ((Parked) key.attachment()).connection().close();
            }
        } catch (ClosedSelectorException alreadyClosed) {
            // nothing left registered
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops watching and closes every parked connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            watcher.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeArriving();
    }
}
