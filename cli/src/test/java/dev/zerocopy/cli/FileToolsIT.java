package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.spi.PseudoRandomStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy, send and recv through the built jar, with the 64 MiB pseudo-random file: exact copies, failures
 * with one byte count, and cut-off streams never taken for complete ones.
 */
@Timeout(180)
class FileToolsIT {

    private static final long SIZE = 64L << 20;
    private static final long SEED = 0x5eed;
    private static final String OLD = "the previous content of the file\n";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path source;

    @BeforeAll
    static void writeSource() throws Exception {
        source = shared.resolve("source.bin");
        PseudoRandomStream.writeFile(source, SEED, SIZE);
    }

    @Test
    void copyCopiesExactly() throws Exception {
        Path target = dir.resolve("copy.bin");
        Files.writeString(target, "old content that must be replaced, not overwritten in place".repeat(1000));
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", source.toString(), target.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().startsWith("copied " + SIZE + " bytes (64 MiB) from " + source + " to " + target),
                result::toString);
        assertEquals("", result.stdout(), "status lines go to standard error");
        assertEquals(-1, PseudoRandomStream.firstMismatch(target, SEED, SIZE));
    }

    @Test
    void copyIntoADirectoryKeepsTheName() throws Exception {
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", source.toString(), dir.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(-1, PseudoRandomStream.firstMismatch(dir.resolve("source.bin"), SEED, SIZE));
    }

    @Test
    void copyRefusesToCopyAFileOntoItself() throws Exception {
        Path file = dir.resolve("self.bin");
        PseudoRandomStream.writeFile(file, SEED, 4096);
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", file.toString(), dir.resolve(".").resolve("self.bin").toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("are the same file"), result::toString);
        assertEquals(-1, PseudoRandomStream.firstMismatch(file, SEED, 4096), "the file is intact");
    }

    @Test
    void sendAndRecvMoveTheFileExactly() throws Exception {
        Path target = dir.resolve("received.bin");
        try (ZeroCopyJar.Running recv = ZeroCopyJar.start("recv", "0", target.toString())) {
            String listening = recv.awaitLine("listening on ");
            String address = listening.substring("listening on ".length());
            ZeroCopyJar.Result send = ZeroCopyJar.run("send", source.toString(), address);
            assertEquals(0, send.exitCode(), send::toString);
            assertTrue(send.stderr().startsWith("sent " + SIZE + " bytes"), send::toString);
            ZeroCopyJar.Result received = recv.finish();
            assertEquals(0, received.exitCode(), received::toString);
            assertTrue(received.stderr().contains("received " + SIZE + " bytes"), received::toString);
            assertEquals("", received.stdout(), "status lines go to standard error");
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(target, SEED, SIZE));
    }

    @Test
    void sendTellsHowManyBytesMadeItWhenThePeerResets() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (ZeroCopyJar.Running send = ZeroCopyJar.start("send", source.toString(), "127.0.0.1:" + port)) {
                try (SocketChannel peer = server.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                    while (buffer.hasRemaining() && peer.read(buffer) >= 0) {
                        // read the first MiB, then reset the connection
                    }
                    peer.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
                ZeroCopyJar.Result result = send.finish();
                assertEquals(1, result.exitCode(), result::toString);
                assertEquals(1, result.stderr().lines().count(), result::toString);
                // One byte count, in the user's words: no system call name, no second count.
                assertTrue(result.stderr().matches("zerocopy: sending " + Pattern.quote(source.toString())
                        + " to 127\\.0\\.0\\.1:" + port + ": connection (reset|closed) by the receiver after \\d+ bytes"
                        + "( \\(Broken pipe\\))?\n"), result::toString);
                long sent = Long.parseLong(result.stderr().replaceAll("(?s).* after (\\d+) bytes.*", "$1"));
                assertTrue(sent >= 1 << 20 && sent < SIZE, result::toString);
            }
        }
    }

    @Test
    void sendToAClosedPortNamesTheAddress() throws Exception {
        int port;
        try (ServerSocketChannel unused = ServerSocketChannel.open()) {
            unused.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress) unused.getLocalAddress()).getPort();
        }
        ZeroCopyJar.Result result = ZeroCopyJar.run("send", source.toString(), "127.0.0.1:" + port);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("zerocopy: cannot connect to 127.0.0.1:" + port + ": Connection refused\n", result.stderr());
    }

    @Test
    void recvOnABusyPortNamesTheAddress() throws Exception {
        try (ServerSocketChannel busy = ServerSocketChannel.open()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) busy.getLocalAddress()).getPort();
            ZeroCopyJar.Result result = ZeroCopyJar.run("recv", String.valueOf(port), dir.resolve("x").toString());
            assertEquals(1, result.exitCode(), result::toString);
            assertEquals("zerocopy: cannot listen on 127.0.0.1:" + port + ": Address already in use\n",
                    result.stderr());
        }
    }

    // A stream cut off by a failure or a signal is never taken for a complete one: an interrupted send
    // resets the connection, recv fails on a reset, and recv replaces FILE only after a complete stream.

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void recvFailsOnAResetAndLeavesTheFileAsItWas() throws Exception {
        Path file = Files.writeString(dir.resolve("target.bin"), OLD);
        try (ZeroCopyJar.Running recv = ZeroCopyJar.start("recv", "0", file.toString())) {
            String address = recv.awaitLine("listening on ").substring("listening on ".length());
            assertEquals(OLD, Files.readString(file), "listening does not touch the file");
            HostPort peer = HostPort.parse(address);
            try (SocketChannel sender = SocketChannel.open(new InetSocketAddress(peer.host(), peer.port()))) {
                ByteBuffer data = ByteBuffer.allocate(1 << 20);
                while (data.hasRemaining()) {
                    sender.write(data);
                }
                sender.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            ZeroCopyJar.Result result = recv.finish();
            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().matches("(?s)listening on .*\nzerocopy: receiving from 127\\.0\\.0\\.1:\\d+ into "
                    + Pattern.quote(file.toString()) + ": connection reset by the sender after \\d+ bytes; "
                    + Pattern.quote(file.toString()) + " left as it was\n"), result::toString);
        }
        assertEquals(OLD, Files.readString(file));
        assertEquals(List.of("target.bin"), names(), "the partial data is removed");
    }

    @Test
    void recvInterruptedWhileListeningLeavesTheFileAsItWas() throws Exception {
        Path file = Files.writeString(dir.resolve("target.bin"), OLD);
        try (ZeroCopyJar.Running recv = ZeroCopyJar.start("recv", "0", file.toString())) {
            recv.awaitLine("listening on ");
            ZeroCopyJar.Result result = recv.terminate();
            assertEquals(143, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("zerocopy: interrupted while listening on 127.0.0.1:"), result::toString);
        }
        assertEquals(OLD, Files.readString(file));
        assertEquals(List.of("target.bin"), names());
    }

    @Test
    void recvReplacesTheFileAfterACompleteStream() throws Exception {
        Path file = Files.writeString(dir.resolve("target.bin"), OLD);
        try (ZeroCopyJar.Running recv = ZeroCopyJar.start("recv", "0", file.toString())) {
            String address = recv.awaitLine("listening on ").substring("listening on ".length());
            assertEquals(0, ZeroCopyJar.run("send", source.toString(), address).exitCode());
            ZeroCopyJar.Result result = recv.finish();
            assertEquals(0, result.exitCode(), result::toString);
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(file, SEED, SIZE));
        assertEquals(List.of("target.bin"), names());
    }

    @Test
    void anInterruptedSendResetsTheConnectionAndSaysHowFarItGot() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (ZeroCopyJar.Running send = ZeroCopyJar.start("send", source.toString(), "127.0.0.1:" + port);
                    SocketChannel receiver = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                while (buffer.hasRemaining() && receiver.read(buffer) >= 0) {
                    // read the first MiB; the sender then waits for us, mid-stream
                }
                ZeroCopyJar.Result result = send.terminate();
                assertEquals(143, result.exitCode(), result::toString);
                assertTrue(result.stderr().matches("zerocopy: sending " + Pattern.quote(source.toString())
                        + " to 127\\.0\\.0\\.1:" + port + ": interrupted after \\d+ bytes\n"), result::toString);
                long sent = Long.parseLong(result.stderr().replaceAll("(?s).* after (\\d+) bytes.*", "$1"));
                assertTrue(sent >= 1 << 20 && sent < SIZE, result::toString);
                // The rest of what was sent, then a reset: never a clean end of stream.
                IOException reset = assertThrows(IOException.class, () -> {
                    while (true) {
                        buffer.clear();
                        if (receiver.read(buffer) < 0) {
                            return;
                        }
                    }
                });
                assertTrue(String.valueOf(reset.getMessage()).contains("reset"), reset::toString);
            }
        }
    }
}
