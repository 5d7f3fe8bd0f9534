package dev.zerocopy.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One run of the large network copy: a sender thread sends a file over a loopback TCP connection to a
 * receiver thread, which writes it into another file. Measures the wall time from connecting to the
 * receiver's last byte, and the CPU time of each side's thread (user and system, which includes the
 * kernel's copying).
 */
final class LoopbackRound {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Sends a file's first bytes to a connected socket. */
    @FunctionalInterface
    interface Sender {
        /**
         * Sends.
         *
         * @param file   the source file
         * @param size   the bytes to send
         * @param socket the connection, blocking
         * @return the bytes sent
         * @throws IOException on failure
         */
        long send(FileChannel file, long size, SocketChannel socket) throws IOException;
    }

    /** Receives from a socket into a file at position 0. */
    @FunctionalInterface
    interface Receiver {
        /**
         * Receives.
         *
         * @param socket the connection, blocking
         * @param file   the empty target file
         * @param size   the bytes expected
         * @return the bytes received
         * @throws IOException on failure
         */
        long receive(SocketChannel socket, FileChannel file, long size) throws IOException;
    }

    /**
     * The measurements of a round.
     *
     * @param sent          bytes the sender sent
     * @param received      bytes the receiver wrote
     * @param nanos         wall time from connect to the receiver's end
     * @param senderCpu     the sender thread's CPU nanoseconds, or -1 if not measurable
     * @param receiverCpu   the receiver thread's CPU nanoseconds, or -1 if not measurable
     */
    record Result(long sent, long received, long nanos, long senderCpu, long receiverCpu) {
    }

    private record Received(long bytes, long cpu, long endNanos) {
    }

    private LoopbackRound() {
    }

    /**
     * Runs the round.
     *
     * @param source   the file to send
     * @param size     its size
     * @param target   the file to create
     * @param sender   the sending side
     * @param receiver the receiving side
     * @return the measurements
     * @throws IOException if either side fails
     */
    static Result run(Path source, long size, Path target, Sender sender, Receiver receiver) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            FutureTask<Received> receiving = new FutureTask<>(() -> receive(server, target, size, receiver));
            Thread receiverThread = new Thread(receiving, "zerocopy-demo-receiver");
            receiverThread.start();
            long start = System.nanoTime();
            long sent;
            long senderCpu;
            try (FileChannel file = FileChannel.open(source, StandardOpenOption.READ);
                    SocketChannel socket = SocketChannel.open(server.getLocalAddress())) {
                long cpu = cpuNow();
                sent = sender.send(file, size, socket);
                socket.shutdownOutput();
                senderCpu = cpuSince(cpu);
            } catch (IOException | RuntimeException e) {
                receiverThread.interrupt();
                throw e;
            }
            Received received = await(receiving, receiverThread);
            return new Result(sent, received.bytes(), received.endNanos() - start, senderCpu, received.cpu());
        }
    }

    private static Received receive(ServerSocketChannel server, Path target, long size, Receiver receiver)
            throws IOException {
        try (SocketChannel socket = server.accept(); FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long cpu = cpuNow();
            long bytes = receiver.receive(socket, file, size);
            long end = System.nanoTime();
            return new Received(bytes, cpuSince(cpu), end);
        }
    }

    private static Received await(FutureTask<Received> receiving, Thread receiverThread) throws IOException {
        try {
            return receiving.get();
        } catch (InterruptedException e) {
            receiverThread.interrupt();
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for the receiver");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static long cpuNow() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private static long cpuSince(long before) {
        return before < 0 ? -1 : THREADS.getCurrentThreadCpuTime() - before;
    }
}
