package dev.zerocopy.cli.http;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 static file server: one accepting thread, at most {@code threads} connection threads,
 * and a bounded queue of waiting connections (beyond it, clients get 503). {@link #close()} stops
 * accepting, lets running requests finish for a moment, then closes every connection.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, also while {@link #serve()} runs.
 */
public final class StaticFileServer implements AutoCloseable {

    /** How long a connection may stay idle between requests. */
    public static final int IDLE_TIMEOUT_MILLIS = 15_000;
    private static final long GRACE_MILLIS = 2_000;

    private final FileResponder responder;
    private final Consumer<String> accessLog;
    private final ThreadPoolExecutor workers;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private ServerSocketChannel server;

    /**
     * Creates the server; nothing is opened until {@link #bind(InetSocketAddress)}.
     *
     * @param root      the directory to serve
     * @param zc        the transfer used for file bodies
     * @param threads   the most connections served at once, at least 1
     * @param accessLog receives one line per request (may be a no-op)
     */
    public StaticFileServer(DocumentRoot root, ZeroCopyTransfer zc, int threads, Consumer<String> accessLog) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.responder = new FileResponder(root, zc);
        this.accessLog = accessLog;
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), new Named());
        this.workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens the listening socket.
     *
     * @param address the local address; port 0 picks a free port
     * @return the bound address
     * @throws IOException if the address cannot be bound
     */
    public synchronized InetSocketAddress bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel channel = address.getAddress() instanceof java.net.Inet4Address
                ? ServerSocketChannel.open(java.net.StandardProtocolFamily.INET) : ServerSocketChannel.open();
        try {
            channel.bind(address, 128);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        server = channel;
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Accepts connections until {@link #close()} is called.
     *
     * @throws IOException if accepting fails for another reason than closing
     */
    public void serve() throws IOException {
        ServerSocketChannel channel;
        synchronized (this) {
            channel = server;
        }
        if (channel == null) {
            throw new IllegalStateException("bind first");
        }
        while (!closing) {
            SocketChannel socket;
            try {
                socket = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                throw e;
            }
            dispatch(socket);
        }
    }

    private void dispatch(SocketChannel socket) {
        connections.add(socket);
        Runnable connection = new HttpConnection(socket, responder, IDLE_TIMEOUT_MILLIS, () -> closing, accessLog);
        try {
            workers.execute(() -> {
                try {
                    connection.run();
                } finally {
                    connections.remove(socket);
                }
            });
        } catch (RejectedExecutionException busy) {
            try (socket) {
                FileResponder.error(HttpStatus.UNAVAILABLE, closing ? "shutting down" : "too many connections",
                        false, false, socket);
            } catch (IOException ignored) {
                // the client is gone already
            } finally {
                connections.remove(socket);
            }
        }
    }

    /**
     * Stops accepting, waits briefly for running requests, then closes all connections. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        ServerSocketChannel channel;
        synchronized (this) {
            channel = server;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                closeConnections();
                workers.shutdownNow();
                workers.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeConnections();
            workers.shutdownNow();
        }
    }

    private void closeConnections() {
        for (SocketChannel socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Names the connection threads. */
    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "zerocopy-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
