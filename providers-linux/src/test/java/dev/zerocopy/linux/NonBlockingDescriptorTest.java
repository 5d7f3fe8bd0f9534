package dev.zerocopy.linux;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.spi.FdAccess;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.PseudoRandomStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocking-mode channel whose file description is O_NONBLOCK (what the JDK does to sockets used by
 * virtual threads) sees EAGAIN storms: the transfer must wait for readiness and still complete, never
 * return a short count.
 */
@Timeout(60)
class NonBlockingDescriptorTest {

    private final LinuxTransfer linux = new LinuxTransfer();

    @TempDir
    Path dir;

    private static void makeDescriptorNonBlocking(SocketChannel channel) {
        int fd = FdAccess.fd(channel);
        int flags = LinuxLibc.fcntl(fd, LinuxLibc.F_GETFL, 0);
        assertEquals(0, LinuxLibc.fcntl(fd, LinuxLibc.F_SETFL, flags | LinuxLibc.O_NONBLOCK));
        assertTrue(channel.isBlocking(), "the channel itself stays in blocking mode");
    }

    @Test
    void fileToSocketCompletes() throws Exception {
        long size = 32L << 20;
        Path in = dir.resolve("in");
        PseudoRandomStream.writeFile(in, 5, size);
        try (FileChannel source = FileChannel.open(in, READ); Loopback loop = Loopback.open()) {
            makeDescriptorNonBlocking(loop.near());
            Future<Loopback.Received> received = loop.readAllOnPeer();
            assertEquals(size, linux.transfer(source, 0, size, loop.near()));
            loop.near().shutdownOutput();
            assertEquals(new Loopback.Received(size, Loopback.crcOf(5, size)), received.get());
        }
    }

    @Test
    void socketToFileCompletes() throws Exception {
        long size = 32L << 20;
        Path out = dir.resolve("out");
        try (FileChannel target = FileChannel.open(out, CREATE, WRITE); Loopback loop = Loopback.open()) {
            makeDescriptorNonBlocking(loop.near());
            loop.writeOnPeer(5, size);
            assertEquals(size, linux.transfer(loop.near(), target, 0, size));
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(out, 5, size));
    }

    @Test
    void theTransfersOwnDescriptorsAreCloseOnExec() throws Exception {
        try (Loopback loop = Loopback.open()) {
            int duplicate = LinuxFds.INSTANCE.dup(FdAccess.fd(loop.near()));
            try {
                String info = java.nio.file.Files.readString(Path.of("/proc/self/fdinfo/" + duplicate));
                String flags = info.lines().filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                assertTrue((Integer.parseInt(flags.substring(6).trim(), 8) & LinuxLibc.O_CLOEXEC) != 0, info);
            } finally {
                LinuxFds.INSTANCE.close(duplicate);
            }
        }
    }
}
