package dev.zerocopy.emulated;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connected pair of TCP sockets on 127.0.0.1: {@link #sender()} is the client end, {@link #receiver()}
 * the accepted end. Closing closes both and waits for the receiving thread, if any, to end.
 */
public final class Loopback implements AutoCloseable {

    private final SocketChannel sender;
    private final SocketChannel receiver;
    private final List<FutureTask<?>> tasks = new ArrayList<>();

    private Loopback(SocketChannel sender, SocketChannel receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    /**
     * Connects a pair.
     *
     * @return the pair
     * @throws IOException if it cannot
     */
    public static Loopback open() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            return new Loopback(client, server.accept());
        }
    }

    /**
     * Returns the client end.
     *
     * @return the channel
     */
    public SocketChannel sender() {
        return sender;
    }

    /**
     * Returns the accepted end.
     *
     * @return the channel
     */
    public SocketChannel receiver() {
        return receiver;
    }

    /**
     * Starts a thread that reads the receiver into a file until end of stream, with plain NIO.
     *
     * @param file the file to create or truncate
     * @return the bytes received, when the sender has shut its output down
     */
    public FutureTask<Long> receiveInto(Path file) {
        FutureTask<Long> task = start(() -> {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
                long total = 0;
                while (receiver.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        total += out.write(buffer);
                    }
                    buffer.clear();
                }
                return total;
            }
        });
        tasks.add(task);
        return task;
    }

    /**
     * Runs a task on a new daemon thread.
     *
     * @param task the task
     * @param <T>  its result
     * @return its future
     */
    public static <T> FutureTask<T> start(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "loopback-" + task.getClass().getSimpleName());
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    @Override
    public void close() throws IOException {
        try {
            sender.close();
        } finally {
            receiver.close();
            for (FutureTask<?> task : tasks) {
                try {
                    task.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException ended) {
                    // the receiver's channel was closed under it, which is how it ends here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (TimeoutException e) {
                    throw new IOException("receiver did not end", e);
                }
            }
        }
    }
}
