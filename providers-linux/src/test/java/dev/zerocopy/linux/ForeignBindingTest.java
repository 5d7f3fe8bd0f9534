package dev.zerocopy.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.posix.JnaPosixLibc;
import dev.zerocopy.spi.ForkedJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 22+ with native access and the JDK's channel protocol, transfers make their calls through
 * {@code java.lang.foreign} alone: a download, an upload through the pooled pipes, a copy into a pipe and a
 * sparse file copy load no JNA class, and the provider's class loader is freed after its transfers (JNA, which starts a cleaner
 * thread of its own, would keep it). Checked in fresh JVMs.
 */
@Timeout(60)
class ForeignBindingTest {

    private static final String[] FOREIGN_GUEST = {"--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"};

    @TempDir
    Path dir;

    /** Makes a download, an upload, a pipe copy and a sparse copy with the Linux provider; prints the counts. */
    public static final class Transfers {
        /**
         * Prints the provider, the binding, then the counts of the four transfers.
         *
         * @param args none
         * @throws Exception if a transfer fails
         */
        public static void main(String[] args) throws Exception {
            ZeroCopyTransfer zc = new LinuxTransfer();
            System.out.println(zc.name() + " " + Syscalls.binding());
            Path file = Files.write(Files.createTempFile("foreign", ".bin"), new byte[256 * 1024]);
            Path copy = Files.createTempFile("foreign", ".copy");
            try (ServerSocketChannel server = ServerSocketChannel.open()
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    SocketChannel near = SocketChannel.open(server.getLocalAddress());
                    SocketChannel far = server.accept();
                    FileChannel in = FileChannel.open(file);
                    FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                CompletableFuture<Long> upload = CompletableFuture.supplyAsync(() -> {
                    try {
                        return zc.transfer(far, out, 0, 256 * 1024);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                System.out.println(zc.transfer(in, 0, 256 * 1024, near));
                System.out.println(upload.get(20, TimeUnit.SECONDS));
                Pipe pipe = Pipe.open();
                try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
                    System.out.println(zc.transfer(in, 0, 4096, sink));
                    source.read(ByteBuffer.allocate(4096));
                }
                Path holes = Files.createTempFile("foreign", ".holes");
                Path kept = Files.createTempFile("foreign", ".kept");
                try (FileChannel sparse = FileChannel.open(holes, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        FileChannel target = FileChannel.open(kept, StandardOpenOption.WRITE)) {
                    sparse.write(ByteBuffer.wrap(new byte[] {1}), 4L << 20);      // a 4 MiB hole, then a byte
                    System.out.println(zc.transfer(sparse, 0, Long.MAX_VALUE, target) + " "
                            + (allocated(kept) < (1 << 20) ? "sparse" : "dense"));
                } finally {
                    Files.delete(holes);
                    Files.delete(kept);
                }
            } finally {
                Files.delete(file);
                Files.delete(copy);
            }
        }
    }

    /** Bytes the file system allocated for the file: {@code st_blocks} × 512, from {@code stat(1)}. */
    static long allocated(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String blocks = new String(stat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                .trim();
        stat.waitFor();
        return Long.parseLong(blocks) * 512;
    }

    /** What {@link Transfers} prints when every transfer moved all its bytes. */
    private static String expectedCounts() throws IOException, InterruptedException {
        Path probe = Files.createTempFile("holes", ".probe");
        try (FileChannel file = FileChannel.open(probe, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {1}), 4L << 20);
        }
        boolean holes = allocated(probe) < (1 << 20);      // whether the temporary file system keeps holes
        Files.delete(probe);
        return LinuxTransfer.NAME + " foreign\n262144\n262144\n4096\n" + ((4 << 20) + 1)
                + (holes ? " sparse" : " dense");
    }

    @Test
    void transfersLoadNoJna() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the foreign binding needs JDK 22");
        Path classes = dir.resolve("classes.log");
        String[] options = java.util.Arrays.copyOf(FOREIGN_GUEST, FOREIGN_GUEST.length + 1);
        options[FOREIGN_GUEST.length] = "-Xlog:class+load=info:file=" + classes;
        ForkedJvm.Output output = ForkedJvm.run(Transfers.class, options);
        assertEquals(expectedCounts(), output.out(), output.err());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains(KernelPipe.class.getName() + " "), "the upload went through a pooled pipe");
        assertFalse(loaded.contains("com.sun.jna."), "a JNA class was loaded");
    }

    /**
     * With the duplicate-descriptor protocol the copies and the pipes' calls still go through the foreign
     * binding (JNA makes only {@code dup}, {@code poll} and the socket timeouts): the same transfers move
     * every byte.
     */
    @Test
    void theDuplicateProtocolMixesBothBindings() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the foreign binding needs JDK 22");
        String[] options = java.util.Arrays.copyOf(FOREIGN_GUEST, FOREIGN_GUEST.length + 1);
        options[FOREIGN_GUEST.length] = "-Ddev.zerocopy.protocol=dup";
        ForkedJvm.Output output = ForkedJvm.run(Transfers.class, options);
        assertEquals(expectedCounts(), output.out(), output.err());
    }

    /** Loads the library in its own loader, transfers, drops the loader, and tells whether it was freed. */
    public static final class Release {
        /**
         * Prints the provider's name, then {@code freed} or {@code kept}.
         *
         * @param args none
         * @throws Exception if the transfers fail
         */
        public static void main(String[] args) throws Exception {
            boolean freed = ForkedJvm.loaderFreedAfterTransfers(ForkedJvm.location(ZeroCopyTransfer.class),
                    ForkedJvm.location(JnaPosixLibc.class), ForkedJvm.location(LinuxTransfer.class),
                    ForkedJvm.location(Native.class));
            System.out.println(freed ? "freed" : "kept");
        }
    }

    @Test
    void theProvidersLoaderIsFreedAfterItsTransfers() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the foreign binding needs JDK 22");
        ForkedJvm.Output output = ForkedJvm.run(Release.class, FOREIGN_GUEST);
        assertEquals(LinuxTransfer.NAME + "\nfreed", output.out(), output.err());
    }
}
