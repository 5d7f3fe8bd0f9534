package dev.zerocopy.cli.http;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
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
 * A small HTTP/1.1 static file server: one accepting thread, one thread that watches connections
 * waiting for a request ({@link IdleConnections}, a selector: idle keep-alive connections hold no
 * worker), at most {@code threads} worker threads serving requests, and a bounded queue of requests
 * waiting for a worker (beyond it, clients get 503, which the log shows). {@link #close()} stops
 * accepting, lets running requests finish for a moment, then closes every connection.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, also while {@link #serve()} runs.
 */
public final class StaticFileServer implements AutoCloseable {

    /** How long a connection may stay idle between requests, by default. */
    public static final int IDLE_TIMEOUT_MILLIS = 15_000;
    /** How long a request head may take from its first byte, by default. */
    public static final int HEAD_TIMEOUT_MILLIS = 10_000;
    private static final long GRACE_MILLIS = 2_000;

    private final FileResponder responder;
    private final AccessLog log;
    private final long headTimeoutMillis;
    private final ThreadPoolExecutor workers;
    private final IdleConnections idle;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private ServerSocketChannel server;

    /**
     * Creates the server; nothing is opened until {@link #bind(InetSocketAddress)}.
     *
     * @param root              the directory to serve
     * @param zc                the transfer used for file bodies
     * @param threads           the most requests served at once, at least 1
     * @param idleTimeoutMillis how long a connection may wait for its next request
     * @param headTimeoutMillis how long a request head may take from its first byte
     * @param accessLog         receives one line per request (may be a no-op)
     * @throws IOException if the selector cannot be opened
     */
    public StaticFileServer(DocumentRoot root, ZeroCopyTransfer zc, int threads, long idleTimeoutMillis,
            long headTimeoutMillis, Consumer<String> accessLog) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.responder = new FileResponder(root, zc);
        this.log = new AccessLog(accessLog);
        this.headTimeoutMillis = headTimeoutMillis;
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), new Named());
        this.workers.allowCoreThreadTimeOut(true);
        this.idle = new IdleConnections(idleTimeoutMillis, this::dispatch);
    }

    /**
     * Opens the listening socket; an IPv4 address gets an IPv4-only socket.
     *
     * @param address the local address; port 0 picks a free port
     * @return the bound address
     * @throws IOException if the address cannot be bound
     */
    public synchronized InetSocketAddress bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel channel = address.getAddress() instanceof Inet4Address
                ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open();
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
            HttpConnection connection;
            try {
                connection = new HttpConnection(socket, responder, headTimeoutMillis, () -> closing, log,
                        () -> connections.remove(socket));
            } catch (IOException gone) {
                socket.close();
                continue;
            }
            connections.add(socket);
            idle.park(connection);
        }
    }

    /** Hands a connection whose next request is arriving to a worker, or answers 503 if all are taken. */
    private void dispatch(HttpConnection connection) {
        try {
            workers.execute(() -> {
                if (connection.serve() && !closing) {
                    idle.park(connection);
                } else {
                    connection.close();
                }
            });
        } catch (RejectedExecutionException busy) {
            String why = closing ? "shutting down" : "too many requests at once";
            try {
                FileResponder.error(HttpStatus.UNAVAILABLE, why, false, false, connection.socket());
            } catch (IOException ignored) {
                // the client is gone already
            }
            log.line(connection.peer(), "(refused: " + why + ")", HttpStatus.UNAVAILABLE.code(), 0);
            connection.close();
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
        idle.close();
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
        closeConnections();
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

    /** Names the worker threads. */
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
