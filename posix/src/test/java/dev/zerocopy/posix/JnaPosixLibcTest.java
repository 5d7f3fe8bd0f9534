package dev.zerocopy.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.FdAccess;
import dev.zerocopy.spi.Readiness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared shell on the host's real C library, with Linux's constants: the same class, holder and
 * prototypes the BSD and Solaris providers bind on their systems.
 */
@Timeout(30)
class JnaPosixLibcTest {

    private final JnaPosixLibc libc = new JnaPosixLibc(PosixSystem.LINUX);

    @BeforeAll
    static void onLinux() {
        assumeTrue(PosixSystem.running() == PosixSystem.LINUX, "binds the host's C library with Linux's constants");
    }

    /** A connected loopback pair: the near end, whose peer is left unread. */
    private static SocketChannel[] pair(ServerSocketChannel server) throws IOException {
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SocketChannel near = SocketChannel.open(server.getLocalAddress());
        return new SocketChannel[] {near, server.accept()};
    }

    @Test
    void bindsOnFirstUseAndReportsNoFailure() {
        assertNull(libc.bindingFailure());
        assertSame(PosixSystem.LINUX, libc.system());
    }

    @Test
    void dupAndCloseAReferenceOfItsOwn() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            SocketChannel[] ends = pair(server);
            try (SocketChannel near = ends[0]; SocketChannel far = ends[1]) {
                int copy = libc.dup(FdAccess.fd(near));
                assertTrue(copy > 2, "a new descriptor: " + copy);
                assertEquals(1, libc.poll(copy, Readiness.POLLOUT, 0), "the duplicate is the same socket");
                far.write(ByteBuffer.wrap(new byte[] {42}));
                assertEquals(1, libc.poll(copy, Readiness.POLLIN, 10_000), "the byte arrived");
                assertEquals(0, libc.close(copy));
                assertEquals(-1, libc.close(copy), "closed once");
                assertEquals(Errno.EBADF, Errno.Table.LINUX.of(libc.errno()));
                assertTrue(near.isOpen(), "the channel's own descriptor is untouched");
            }
        }
    }

    @Test
    void pollReportsNotReadyOnAQuietSocket() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            SocketChannel[] ends = pair(server);
            try (SocketChannel near = ends[0]; SocketChannel far = ends[1]) {
                assertEquals(0, libc.poll(FdAccess.fd(near), Readiness.POLLIN, 1), "nothing to read");
            }
        }
    }

    @Test
    void socketTimeoutsRoundTripAsTheJdkReadsThem() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            SocketChannel[] ends = pair(server);
            try (SocketChannel near = ends[0]; SocketChannel far = ends[1]) {
                int fd = FdAccess.fd(near);
                long[] timeval = {-1, -1};
                assertEquals(0, libc.getSendTimeout(fd, timeval));
                assertArrayEquals(new long[] {0, 0}, timeval, "a new socket has no send timeout");
                assertEquals(0, libc.setSendTimeout(fd, 2, 0));
                assertEquals(0, libc.getSendTimeout(fd, timeval));
                assertArrayEquals(new long[] {2, 0}, timeval);
                // Linux keeps timeouts in scheduler ticks: whole seconds and 500 ms read back exactly.
                assertEquals(0, libc.setReceiveTimeout(fd, 0, 500_000));
                assertEquals(0, libc.getReceiveTimeout(fd, timeval));
                assertArrayEquals(new long[] {0, 500_000}, timeval);
                assertEquals(0, libc.getSendTimeout(fd, timeval));
                assertArrayEquals(new long[] {2, 0}, timeval, "the receive timeout is another option");
                assertEquals(0, libc.setSendTimeout(fd, 0, 0));
                assertEquals(0, libc.getSendTimeout(fd, timeval));
                assertArrayEquals(new long[] {0, 0}, timeval);
            }
        }
    }

    @Test
    void fcntlReadsTheStatusFlags() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            SocketChannel[] ends = pair(server);
            try (SocketChannel near = ends[0]; SocketChannel far = ends[1]) {
                int getfl = 3;
                int nonBlocking = 0x800;
                assertEquals(0, libc.fcntl(FdAccess.fd(near), getfl) & nonBlocking);
                near.configureBlocking(false);
                assertEquals(nonBlocking, libc.fcntl(FdAccess.fd(near), getfl) & nonBlocking);
            }
        }
    }
}
