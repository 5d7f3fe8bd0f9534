package dev.zerocopy.spi;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fd access in this JVM, which the build runs with {@code --add-opens} (mode OPENED); forked JVMs check
 * the UNSAFE mode and that JDK 17 stays silent.
 */
class FdAccessTest {

    @TempDir
    Path dir;

    /** The fd numbers the kernel shows for this process, from /proc/self/fd. */
    private static boolean isOpenFd(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd));
    }

    @Test
    void opensPackagesMeansOpenedMode() {
        assertEquals(FdAccess.Mode.OPENED, FdAccess.mode());
    }

    @Test
    void readsFileSocketAndPipeDescriptors() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (FileChannel fc = FileChannel.open(file, READ); Loopback loop = Loopback.open()) {
            Pipe pipe = Pipe.open();
            try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
                int[] fds = {FdAccess.fd(fc), FdAccess.fd(loop.near()), FdAccess.fd(source), FdAccess.fd(sink)};
                for (int fd : fds) {
                    assertTrue(fd > 2 && isOpenFd(fd), "fd " + fd);
                }
                assertEquals(4, java.util.Arrays.stream(fds).distinct().count());
                assertTrue(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fds[0])).endsWith("f"));
                assertTrue(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fds[1])).toString()
                        .startsWith("socket:"));
            }
        }
    }

    @Test
    void coversStreamAndRandomAccessFileChannels() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
                java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            assertTrue(FdAccess.fd(raf.getChannel()) > 2);
            assertTrue(FdAccess.fd(in.getChannel()) > 2);
        }
    }

    @Test
    void readsOpenModeFlags() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (FileChannel r = FileChannel.open(file, READ); FileChannel w = FileChannel.open(file, WRITE)) {
            assertEquals(Boolean.TRUE, FdAccess.readable(r));
            assertEquals(Boolean.FALSE, FdAccess.writable(r));
            assertEquals(Boolean.FALSE, FdAccess.readable(w));
            assertEquals(Boolean.TRUE, FdAccess.writable(w));
        }
    }

    @Test
    void otherChannelsHaveNoDescriptor() throws IOException {
        ReadableByteChannel wrapper = new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) {
                return -1;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        assertEquals(-1, FdAccess.fd(wrapper));
        assertEquals(-1, FdAccess.fd(null));
        assertNull(FdAccess.readable(wrapper));
    }

    @Test
    void closedFileChannelReadsMinusOne() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        FileChannel fc = FileChannel.open(file, READ);
        int fd = FdAccess.fd(fc);
        fc.close();
        assertNotEquals(fd, FdAccess.fd(fc));
        assertEquals(-1, FdAccess.fd(fc));
    }
}
