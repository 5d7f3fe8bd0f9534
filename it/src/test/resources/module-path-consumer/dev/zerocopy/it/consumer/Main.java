package dev.zerocopy.it.consumer;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.RecordedTransfers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads the provider named "linux" through ServiceLoader, then copies a file of random bytes over a
 * loopback TCP connection into a second file with it (file to socket, socket to file), compares the files
 * and prints what it saw, one fact per line; exits 1 on any difference.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        ZeroCopyTransfer linux = ServiceLoader.load(ZeroCopyTransfer.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("linux"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ServiceLoader found no provider named linux"));
        System.out.println("provider " + linux.name() + " in module " + linux.getClass().getModule().getName());
        System.out.println("usable " + linux.availability().usable() + ": " + linux.availability().reason());
        System.out.println("lookup " + ZeroCopyTransfer.load().name());

        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(size);
        try (FileChannel out = FileChannel.open(source, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(ByteBuffer.wrap(chunk, 0, (int) Math.min(left, chunk.length)));
            }
        }

        long sent;
        long received;
        List<RecordedTransfers.Transfer> events;
        try (RecordedTransfers recording = RecordedTransfers.start()) {
            ExecutorService peer = Executors.newSingleThreadExecutor();
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Future<Long> receiving = peer.submit(() -> {
                    try (SocketChannel socket = server.accept();
                            FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE)) {
                        return linux.transfer(socket, out, 0, size);
                    }
                });
                try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
                        FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                    sent = linux.transfer(in, 0, size, socket);
                }
                received = receiving.get();
            } finally {
                peer.shutdownNow();
            }
            events = recording.stop();
        }
        for (RecordedTransfers.Transfer event : events) {
            System.out.println("event " + event.direction() + " " + event.mechanism() + " " + event.bytes()
                    + " fallback " + event.fallbackReason());
        }
        long mismatch = Files.mismatch(source, target);
        System.out.println("sent " + sent + " received " + received + " mismatch " + mismatch);
        System.exit(sent == size && received == size && mismatch == -1 ? 0 : 1);
    }
}
