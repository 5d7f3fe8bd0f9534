package dev.zerocopy.nio;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.portable.PortableTransfer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapping file system, used without installing it as the default: paths answer as the JDK's do,
 * foreign paths are refused as the JDK refuses them, and channels are wrapped and transfer through the
 * hook. (The forked-JVM tests in {@code it} run the file API with the provider installed.)
 */
@Timeout(60)
class ZeroCopyFileSystemTest {

    private final AtomicInteger routed = new AtomicInteger();
    private final ZeroCopyFileSystemProvider provider = new ZeroCopyFileSystemProvider(
            FileSystems.getDefault().provider(), new TransferHook(() -> {
                routed.incrementAndGet();
                return new PortableTransfer();
            }));
    private final FileSystem fs = provider.getFileSystem(java.net.URI.create("file:///"));

    @TempDir
    Path jdkDir;

    private Path wrapped(Path jdk) {
        return fs.getPath(jdk.toString());
    }

    @Test
    void pathsAnswerAsTheJdksDo() {
        String[] samples = {"/", "/a/b/../c/./d", "a/b", "", ".", "..", "/x/y/z.txt", "a//b/", "/a/b/c"};
        FileSystem jdk = FileSystems.getDefault();
        for (String s : samples) {
            Path j = jdk.getPath(s);
            Path z = fs.getPath(s);
            assertEquals(j.toString(), z.toString(), s);
            assertEquals(j.hashCode(), z.hashCode(), s);
            assertEquals(j.isAbsolute(), z.isAbsolute(), s);
            assertEquals(j.getNameCount(), z.getNameCount(), s);
            assertEquals(String.valueOf(j.getRoot()), String.valueOf(z.getRoot()), s);
            assertEquals(String.valueOf(j.getParent()), String.valueOf(z.getParent()), s);
            assertEquals(String.valueOf(j.getFileName()), String.valueOf(z.getFileName()), s);
            assertEquals(j.normalize().toString(), z.normalize().toString(), s);
            assertEquals(j.toAbsolutePath().toString(), z.toAbsolutePath().toString(), s);
            assertEquals(j.toUri(), z.toUri(), s);
            assertEquals(z.toAbsolutePath(), provider.getPath(z.toUri()), "toUri round trip " + s);
            assertSame(fs, z.toAbsolutePath().getFileSystem());
            List<String> jNames = new ArrayList<>();
            j.forEach(p -> jNames.add(p.toString()));
            List<String> zNames = new ArrayList<>();
            z.forEach(p -> {
                assertInstanceOf(ZeroCopyPath.class, p);
                zNames.add(p.toString());
            });
            assertEquals(jNames, zNames, s);
            for (String t : samples) {
                Path jt = jdk.getPath(t);
                Path zt = fs.getPath(t);
                assertEquals(j.equals(jt), z.equals(zt), s + " equals " + t);
                assertEquals(Integer.signum(j.compareTo(jt)), Integer.signum(z.compareTo(zt)), s + " vs " + t);
                assertEquals(j.startsWith(jt), z.startsWith(zt), s + " startsWith " + t);
                assertEquals(j.endsWith(jt), z.endsWith(zt), s + " endsWith " + t);
                assertEquals(j.resolve(jt).toString(), z.resolve(zt).toString(), s + " resolve " + t);
                assertEquals(j.resolveSibling(t).toString(), z.resolveSibling(t).toString(), s + " sibling " + t);
                assertEquals(outcome(() -> j.relativize(jt)), outcome(() -> z.relativize(zt)), s + " rel " + t);
            }
        }
    }

    private static String outcome(java.util.concurrent.Callable<Object> call) {
        try {
            return "= " + call.call();
        } catch (Exception e) {
            return "! " + e.getClass().getName();
        }
    }

    @Test
    void foreignPathsAreRefusedAsTheJdkRefusesThem() throws IOException {
        Path z = wrapped(jdkDir);
        Path foreign = jdkDir.resolve("x");   // the JDK's own path: another provider for this file system
        assertThrows(ProviderMismatchException.class, () -> z.resolve(foreign));
        assertThrows(ProviderMismatchException.class, () -> z.relativize(foreign));
        assertThrows(ProviderMismatchException.class, () -> z.resolveSibling(foreign));
        assertThrows(ProviderMismatchException.class, () -> provider.copy(z, foreign));
        assertThrows(ProviderMismatchException.class, () -> provider.move(z, foreign));
        assertThrows(ProviderMismatchException.class, () -> provider.createSymbolicLink(z.resolve("l"), foreign));
        assertThrows(ProviderMismatchException.class, () -> provider.checkAccess(foreign));
        assertThrows(ClassCastException.class, () -> z.compareTo(foreign));
        assertFalse(z.equals(jdkDir));
        assertFalse(z.startsWith(jdkDir));
        assertFalse(z.endsWith(jdkDir.getFileName()));
        assertFalse(Files.isSameFile(z, jdkDir));
        assertTrue(Files.isSameFile(z, wrapped(jdkDir)));
        try (WatchService jdkWatcher = FileSystems.getDefault().newWatchService()) {
            assertThrows(ProviderMismatchException.class,
                    () -> z.register(jdkWatcher, StandardWatchEventKinds.ENTRY_CREATE));
        }
    }

    @Test
    void filesWorkThroughWrappedPaths() throws IOException {
        Path root = wrapped(jdkDir);
        Path sub = Files.createDirectories(root.resolve("d1/d2"));
        Path file = Files.writeString(sub.resolve("f.txt"), "hello");
        assertEquals("hello", Files.readString(file));
        assertEquals(5, Files.size(file));
        assertTrue(Files.isRegularFile(file) && Files.isDirectory(sub) && Files.exists(file));
        assertEquals(Files.readAttributes(jdkDir.resolve("d1/d2/f.txt"), "*").keySet(),
                Files.readAttributes(file, "*").keySet());
        Path link = Files.createSymbolicLink(root.resolve("link"), root.relativize(file));
        assertInstanceOf(ZeroCopyPath.class, Files.readSymbolicLink(link));
        assertEquals(file.toRealPath(), link.toRealPath());
        assertSame(fs, link.toRealPath().getFileSystem());
        Path copy = Files.copy(file, root.resolve("copy.txt"));
        Path moved = Files.move(copy, root.resolve("moved.txt"));
        assertEquals("hello", Files.readString(moved));
        assertEquals(Files.getFileStore(jdkDir).name(), Files.getFileStore(root).name());
        try (Stream<Path> walk = Files.walk(root)) {
            List<String> names = walk.peek(p -> assertInstanceOf(ZeroCopyPath.class, p))
                    .map(p -> root.relativize(p).toString()).sorted().collect(Collectors.toList());
            assertEquals(List.of("", "d1", "d1/d2", "d1/d2/f.txt", "link", "moved.txt"), names);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, p -> {
            assertInstanceOf(ZeroCopyPath.class, p);
            return p.getFileName().toString().endsWith(".txt");
        })) {
            List<Path> found = new ArrayList<>();
            entries.forEach(found::add);
            assertEquals(List.of(moved), found);
        }
        assertEquals(jdkDir.resolve("moved.txt").toFile(), moved.toFile());
        Files.delete(moved);
        assertFalse(Files.exists(moved));
    }

    @Test
    void channelsAreWrappedAndLocksNameTheWrapper() throws IOException {
        Path file = wrapped(jdkDir.resolve("c.bin"));
        try (FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE)) {
            assertInstanceOf(ZeroCopyFileChannel.class, channel);
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            assertSame(channel, channel.position(1));
            ByteBuffer two = ByteBuffer.allocate(2);
            channel.read(two);
            assertArrayEquals(new byte[] {2, 3}, two.array());
            try (FileLock lock = channel.lock()) {
                assertSame(channel, lock.acquiredBy());
                assertTrue(lock.isValid());
            }
            assertEquals(4, channel.map(FileChannel.MapMode.READ_ONLY, 0, 4).capacity());
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            assertInstanceOf(ZeroCopyFileChannel.class, channel);
            assertEquals(4, channel.size());
        }
        FileChannel closed = FileChannel.open(file, READ);
        closed.close();
        assertFalse(closed.isOpen());
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> closed.read(ByteBuffer.allocate(1)));
    }

    @Test
    void transfersGoThroughTheHookWithBothEndsUnwrapped() throws Exception {
        byte[] data = new byte[1 << 20];
        new java.util.Random(42).nextBytes(data);
        Path in = wrapped(Files.write(jdkDir.resolve("in.bin"), data));
        Path copy = wrapped(jdkDir.resolve("copy.bin"));
        try (FileChannel source = FileChannel.open(in, READ); FileChannel target = FileChannel.open(copy, CREATE, WRITE)) {
            assertEquals(data.length, source.transferTo(0, Long.MAX_VALUE, target));
            assertEquals(0, source.position());
        }
        assertEquals(1, routed.get());
        assertArrayEquals(data, Files.readAllBytes(copy));
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
                        FileChannel source = FileChannel.open(in, READ)) {
                    return source.transferTo(0, data.length, socket);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Path received = wrapped(jdkDir.resolve("received.bin"));
            try (SocketChannel socket = server.accept(); FileChannel target = FileChannel.open(received, CREATE, WRITE)) {
                assertEquals(data.length, target.transferFrom(socket, 0, data.length));
            }
            assertEquals(data.length, sent.get(30, TimeUnit.SECONDS));
            assertArrayEquals(data, Files.readAllBytes(received));
        }
        assertEquals(3, routed.get());
    }

    @Test
    void watchKeysAreStableAndEventsCarryWrappedPaths() throws Exception {
        Path dir = wrapped(jdkDir);
        try (WatchService watcher = fs.newWatchService()) {
            WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            assertEquals(dir, key.watchable());
            Files.createFile(dir.resolve("new.txt"));
            WatchKey taken = watcher.poll(30, TimeUnit.SECONDS);
            assertSame(key, taken);
            List<Object> contexts = new ArrayList<>();
            for (WatchEvent<?> event : taken.pollEvents()) {
                assertEquals(StandardWatchEventKinds.ENTRY_CREATE, event.kind());
                contexts.add(event.context());
            }
            assertEquals(List.of(fs.getPath("new.txt")), contexts);
            assertTrue(taken.reset());
            assertSame(key, dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE));
            key.cancel();
            assertFalse(key.isValid());
        }
    }

    @Test
    void theJdksOwnChannelsAreReturnedInsideARoutedTransfer() throws Exception {
        Path file = wrapped(Files.write(jdkDir.resolve("x.bin"), new byte[] {1}));
        List<Boolean> wrappedInside = new ArrayList<>();
        ZeroCopyFileSystemProvider nested = new ZeroCopyFileSystemProvider(FileSystems.getDefault().provider(),
                new TransferHook(() -> {
                    try (FileChannel inner = provider.newFileChannel(file, java.util.Set.of(READ))) {
                        wrappedInside.add(inner instanceof ZeroCopyFileChannel);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return new PortableTransfer();
                }));
        Path viaNested = nested.getPath(file.toUri());
        try (FileChannel source = nested.newFileChannel(viaNested, java.util.Set.of(READ));
                FileChannel target = nested.newFileChannel(nested.getPath(jdkDir.resolve("y.bin").toUri()),
                        java.util.Set.of(CREATE, WRITE))) {
            assertInstanceOf(ZeroCopyFileChannel.class, source);
            assertEquals(1, source.transferTo(0, 1, target));
        }
        assertEquals(List.of(false), wrappedInside);
        assertNotSame(provider, nested);
    }
}
