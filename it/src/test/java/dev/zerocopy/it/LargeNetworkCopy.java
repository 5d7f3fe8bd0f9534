package dev.zerocopy.it;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import dev.zerocopy.spi.RecordedTransfers.Transfer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The large network copy (the shape of the Go test this project follows): a file of deterministic
 * pseudo-random bytes is sent over loopback TCP with {@code transfer(file, 0, size, socket)}, the peer
 * receives it with {@code transfer(socket, file, 0, size)}, and the received file is compared with the
 * generator's stream byte for byte.
 */
public final class LargeNetworkCopy {

    /**
     * What happened.
     *
     * @param sent       what the sender's transfer returned
     * @param received   what the receiver's transfer returned
     * @param mismatch   {@link PseudoRandomStream#firstMismatch}: -1 if the received file is exact
     * @param transfers  the JFR transfer events of both sides
     */
    public record Result(long sent, long received, long mismatch, List<Transfer> transfers) {

        /**
         * Returns the mechanisms of the events of one direction, such as {@code file->socket}.
         *
         * @param direction the direction
         * @return the mechanisms
         */
        public List<String> mechanisms(String direction) {
            return transfers.stream().filter(t -> t.direction().equals(direction)).map(Transfer::mechanism).toList();
        }
    }

    private LargeNetworkCopy() {
    }

    /**
     * Runs the copy.
     *
     * @param sender   the transfer that sends the file
     * @param receiver the transfer that receives it
     * @param dir      a directory for the two files
     * @param seed     the data's seed
     * @param size     the file's size
     * @return the result
     * @throws Exception if either side fails
     */
    public static Result run(ZeroCopyTransfer sender, ZeroCopyTransfer receiver, Path dir, long seed, long size)
            throws Exception {
        Path source = dir.resolve("sent-" + size);
        Path target = dir.resolve("received-" + size);
        PseudoRandomStream.writeFile(source, seed, size);
        long[] counts = new long[2];
        List<Transfer> events = RecordedTransfers.of(() -> {
            ExecutorService peer = Executors.newSingleThreadExecutor();
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Future<Long> receiving = peer.submit(() -> {
                    try (SocketChannel socket = server.accept();
                            FileChannel out = FileChannel.open(target, CREATE, WRITE, TRUNCATE_EXISTING)) {
                        return receiver.transfer(socket, out, 0, size);
                    }
                });
                try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
                        FileChannel in = FileChannel.open(source, READ)) {
                    counts[0] = sender.transfer(in, 0, size, socket);
                }
                counts[1] = receiving.get();
            } finally {
                peer.shutdownNow();
            }
        });
        return new Result(counts[0], counts[1], PseudoRandomStream.firstMismatch(target, seed, size), events);
    }
}
