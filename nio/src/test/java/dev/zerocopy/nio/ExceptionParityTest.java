package dev.zerocopy.nio;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.portable.PortableTransfer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper's transfers fail exactly as the JDK's {@code FileChannel} does, also when several reasons
 * apply at once (the JDK's order of checks): every combination of closed and wrong-mode channels and bad
 * arguments gives the same exception class, or the same result, through the wrapper as without it.
 */
@Timeout(60)
class ExceptionParityTest {

    private static final long[] POSITIONS = {-1, 0, 5, 1000};
    private static final long[] COUNTS = {-1, 0, 3};

    @TempDir
    Path dir;

    private final TransferHook hook = new TransferHook(PortableTransfer::new);

    /** A channel that the JDK and the wrapper each get a fresh copy of. */
    @FunctionalInterface
    private interface Opener {
        java.nio.channels.Channel open() throws IOException;
    }

    @Test
    void transferToAndTransferFromFailAsTheJdkDoes() throws Exception {
        Path file = Files.write(dir.resolve("f.bin"), new byte[100]);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<String> names = List.of("read", "write", "closed", "socket", "closed-socket");
            List<Opener> openers = List.of(
                    () -> FileChannel.open(file, READ),
                    () -> FileChannel.open(file, WRITE),
                    () -> {
                        FileChannel c = FileChannel.open(file, READ, WRITE);
                        c.close();
                        return c;
                    },
                    () -> connect(server),
                    () -> {
                        SocketChannel s = connect(server);
                        s.close();
                        return s;
                    });
            List<String> mismatches = new ArrayList<>();
            int compared = 0;
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < openers.size(); b++) {
                    for (long position : POSITIONS) {
                        for (long count : COUNTS) {
                            for (boolean to : new boolean[] {true, false}) {
                                String jdk = run(openers.get(a), openers.get(b), position, count, to, false);
                                String ours = run(openers.get(a), openers.get(b), position, count, to, true);
                                compared++;
                                if (!jdk.equals(ours)) {
                                    mismatches.add((to ? "transferTo " : "transferFrom ") + names.get(a) + "/"
                                            + names.get(b) + " " + position + "," + count + ": jdk " + jdk
                                            + ", wrapper " + ours);
                                }
                            }
                        }
                    }
                }
            }
            assertEquals(3 * 5 * POSITIONS.length * COUNTS.length * 2, compared);
            assertEquals(List.of(), mismatches);
        }
    }

    private static SocketChannel connect(ServerSocketChannel server) throws IOException {
        SocketChannel socket = SocketChannel.open(server.getLocalAddress());
        server.accept().close();   // the peer goes away at once: nothing blocks, writes may fail later
        return socket;
    }

    private String run(Opener fileOpener, Opener otherOpener, long position, long count, boolean to,
            boolean wrapped) throws IOException {
        try (FileChannel file = (FileChannel) fileOpener.open(); java.nio.channels.Channel other = otherOpener.open()) {
            FileChannel self = wrapped ? new ZeroCopyFileChannel(file, hook) : file;
            if (to) {
                if (!(other instanceof java.nio.channels.WritableByteChannel target)) {
                    return "n/a";
                }
                return "= " + self.transferTo(position, count, target);
            }
            return "= " + self.transferFrom((java.nio.channels.ReadableByteChannel) other, position, count);
        } catch (IOException | RuntimeException e) {
            return "! " + e.getClass().getSimpleName();
        }
    }
}
