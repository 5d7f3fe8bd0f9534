package dev.zerocopy.it.nio;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs in a child JVM and exercises the file API in a given empty directory, printing one line per step:
 * the step's name and its result or the class of the exception it threw. Everything printed is
 * independent of where the directory is, so two runs, with and without a default file system provider
 * installed, must print the same lines. The first line names the default provider's class and is not
 * compared. Knows nothing of zerocopy.
 */
public final class FileApiProbe {

    private static Path base;

    private FileApiProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("provider " + FileSystems.getDefault().provider().getClass().getName());
        base = Path.of(args[0]).toRealPath();
        paths();
        files();
        links();
        copyMove();
        channels();
        directories();
        watch();
        concurrent();
    }

    private static void step(String name, Callable<Object> action) {
        String result;
        try {
            result = "= " + action.call();
        } catch (Exception e) {
            result = "! " + e.getClass().getName();
        }
        System.out.println(name + " " + result.replace(base.toString(), "<base>"));
    }

    private static void paths() {
        String[] samples = {"/", "/a/b/../c/./d", "a/b", "", ".", "..", "a//b/", "/x/y/z.txt", "../q"};
        for (String s : samples) {
            Path p = Path.of(s);
            step("path " + s, () -> List.of(p.isAbsolute(), p.getNameCount(), String.valueOf(p.getRoot()),
                    String.valueOf(p.getParent()), String.valueOf(p.getFileName()), p.normalize(), p.hashCode(),
                    p.getFileSystem() == FileSystems.getDefault(), p.toFile().getPath(),
                    p.toFile().toPath().equals(p), Path.of(p.toUri()).equals(p.toAbsolutePath())));
            for (String t : samples) {
                Path q = Path.of(t);
                step("pair " + s + " " + t, () -> List.of(p.equals(q), Integer.signum(p.compareTo(q)),
                        p.startsWith(q), p.endsWith(q), p.resolve(q), p.resolveSibling(t), p.startsWith(t)));
                step("relativize " + s + " " + t, () -> p.relativize(q));
            }
        }
        step("uri", () -> base.resolve("x y#z").toUri().toString().replace(base.toUri().toString(), "<base>/"));
        step("uri round trip", () -> Path.of(URI.create(base.toUri() + "a%20b")).equals(base.resolve("a b")));
        step("uri path usable", () -> List.of(Files.isDirectory(Path.of(base.toUri())),
                Files.isDirectory(new java.io.File(base.toUri()).toPath())));
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:**/*.{txt,md}");
        PathMatcher regex = FileSystems.getDefault().getPathMatcher("regex:.*b\\.md");
        step("matchers", () -> List.of(glob.matches(Path.of("/a/b.txt")), glob.matches(Path.of("b.txt")),
                regex.matches(Path.of("/a/b.md")), glob.matches(Path.of("/a/b.java"))));
        step("iterator", () -> {
            List<String> names = new ArrayList<>();
            Path.of("/a/b/c").forEach(p -> names.add(p.toString()));
            return names;
        });
    }

    private static void files() {
        Path dir = base.resolve("files");
        Path text = dir.resolve("a.txt");
        step("createDirectories", () -> rel(Files.createDirectories(dir.resolve("x/y"))));
        step("createDirectory exists", () -> Files.createDirectory(dir));
        step("writeString", () -> rel(Files.writeString(text, "line one\nline two\n")));
        step("readString", () -> Files.readString(text));
        step("readAllLines", () -> Files.readAllLines(text));
        step("lines", () -> {
            try (Stream<String> lines = Files.lines(text)) {
                return lines.count();
            }
        });
        step("append", () -> {
            try (BufferedWriter w = Files.newBufferedWriter(text, StandardOpenOption.APPEND)) {
                w.write("three\n");
            }
            try (BufferedReader r = Files.newBufferedReader(text)) {
                return r.lines().collect(Collectors.toList());
            }
        });
        step("streams", () -> {
            Path bin = dir.resolve("b.bin");
            try (OutputStream out = Files.newOutputStream(bin)) {
                out.write(new byte[] {1, 2, 3, 4, 5});
            }
            try (InputStream in = Files.newInputStream(bin)) {
                in.skip(1);
                return List.of(in.read(), in.readAllBytes().length, Files.size(bin));
            }
        });
        step("write bytes", () -> Files.write(dir.resolve("c.bin"), new byte[70_000]).getFileName());
        step("readAllBytes", () -> Files.readAllBytes(dir.resolve("c.bin")).length);
        step("mismatch", () -> Files.mismatch(dir.resolve("c.bin"), dir.resolve("b.bin")));
        step("attributes", () -> {
            BasicFileAttributes a = Files.readAttributes(text, BasicFileAttributes.class);
            return List.of(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(), a.size());
        });
        step("attribute map", () -> new TreeSet<>(Files.readAttributes(text, "posix:*").keySet()));
        step("permissions", () -> {
            Files.setPosixFilePermissions(text, PosixFilePermissions.fromString("rw-r-----"));
            PosixFileAttributes a = Files.readAttributes(text, PosixFileAttributes.class);
            return PosixFilePermissions.toString(a.permissions());
        });
        step("times", () -> {
            Files.setLastModifiedTime(text, FileTime.fromMillis(1_000_000_000_000L));
            return Files.getLastModifiedTime(text).toMillis();
        });
        step("setAttribute", () -> {
            Files.setAttribute(text, "basic:lastAccessTime", FileTime.fromMillis(2_000_000_000_000L));
            return ((FileTime) Files.getAttribute(text, "basic:lastAccessTime")).toMillis();
        });
        step("tests", () -> List.of(Files.exists(text), Files.notExists(dir.resolve("none")),
                Files.isRegularFile(text), Files.isDirectory(dir), Files.isReadable(text), Files.isWritable(text),
                Files.isExecutable(text), Files.isHidden(dir.resolve(".h")), Files.isSameFile(text, text)));
        step("missing", () -> Files.size(dir.resolve("none")));
        step("createFile exists", () -> Files.createFile(text));
        step("temp file", () -> {
            Path t = Files.createTempFile(dir, "p", ".s");
            return List.of(t.getParent().equals(dir), Files.exists(t), t.getFileName().toString().endsWith(".s"));
        });
        step("file store", () -> {
            FileStore store = Files.getFileStore(dir);
            return List.of(store.type(), store.name().equals(Files.getFileStore(base).name()),
                    store.supportsFileAttributeView("posix"), store.getTotalSpace() > 0);
        });
        step("file stores", () -> {
            long n = 0;
            for (FileStore ignored : FileSystems.getDefault().getFileStores()) {
                n++;
            }
            return n > 0;
        });
        step("toFile", () -> {
            File f = text.toFile();
            return List.of(f.exists(), f.length(), f.toPath().equals(text));
        });
    }

    private static void links() {
        Path dir = base.resolve("links");
        step("links", () -> {
            Files.createDirectories(dir.resolve("real"));
            Path target = Files.writeString(dir.resolve("real/t.txt"), "t");
            Path sym = Files.createSymbolicLink(dir.resolve("sym"), Path.of("real/t.txt"));
            Path dirLink = Files.createSymbolicLink(dir.resolve("dirlink"), dir.resolve("real"));
            Path hard = Files.createLink(dir.resolve("hard"), target);
            return List.of(Files.isSymbolicLink(sym), Files.readSymbolicLink(sym), rel(sym.toRealPath()),
                    rel(sym.toRealPath(LinkOption.NOFOLLOW_LINKS)), Files.isSameFile(hard, target),
                    Files.readString(dirLink.resolve("t.txt")), rel(dirLink.resolve("t.txt").toRealPath()),
                    Files.readAttributes(sym, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink());
        });
        step("dangling", () -> {
            Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("nowhere"));
            return List.of(Files.exists(dangling), Files.exists(dangling, LinkOption.NOFOLLOW_LINKS));
        });
    }

    private static void copyMove() {
        Path dir = base.resolve("copy");
        step("copy move", () -> {
            Files.createDirectories(dir);
            Path a = Files.writeString(dir.resolve("a"), "alpha");
            Path b = Files.copy(a, dir.resolve("b"), StandardCopyOption.COPY_ATTRIBUTES);
            Path c = Files.move(b, dir.resolve("c"), StandardCopyOption.ATOMIC_MOVE);
            return List.of(Files.readString(c), Files.exists(b), rel(c));
        });
        step("copy exists", () -> Files.copy(dir.resolve("a"), dir.resolve("c")));
        step("copy replace", () -> {
            Files.copy(dir.resolve("a"), dir.resolve("c"), StandardCopyOption.REPLACE_EXISTING);
            return Files.readString(dir.resolve("c"));
        });
        step("copy stream", () -> {
            try (InputStream in = Files.newInputStream(dir.resolve("a"))) {
                return Files.copy(in, dir.resolve("d"));
            }
        });
        step("copy to stream", () -> Files.copy(dir.resolve("a"), OutputStream.nullOutputStream()));
        step("move dir", () -> {
            Files.createDirectories(dir.resolve("sub/inner"));
            return rel(Files.move(dir.resolve("sub"), dir.resolve("sub2")));
        });
        step("delete non-empty", () -> {
            Files.delete(dir.resolve("sub2"));
            return "deleted";
        });
        step("delete", () -> {
            Files.delete(dir.resolve("d"));
            return List.of(Files.deleteIfExists(dir.resolve("d")), Files.exists(dir.resolve("d")));
        });
        step("delete missing", () -> {
            Files.delete(dir.resolve("d"));
            return "deleted";
        });
    }

    private static void channels() {
        Path dir = base.resolve("channels");
        Path file = dir.resolve("f.bin");
        step("channel", () -> {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII)));
                ch.position(2);
                ByteBuffer three = ByteBuffer.allocate(3);
                ch.read(three);
                ch.truncate(8);
                ByteBuffer at = ByteBuffer.allocate(2);
                ch.read(at, 6);
                ch.force(true);
                return List.of(new String(three.array(), StandardCharsets.US_ASCII), ch.position(), ch.size(),
                        new String(at.array(), StandardCharsets.US_ASCII), ch.isOpen());
            }
        });
        step("byte channel", () -> {
            try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
                ch.position(5);
                ByteBuffer rest = ByteBuffer.allocate(10);
                ch.read(rest);
                return List.of(rest.position(), ch.position(), ch.size());
            }
        });
        step("non-writable", () -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                return ch.write(ByteBuffer.allocate(1));
            }
        });
        step("closed", () -> {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.close();
            return ch.size();
        });
        step("locks", () -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileChannel other = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                List<Object> result = new ArrayList<>();
                try (FileLock lock = ch.lock(0, 4, false)) {
                    result.add(lock.acquiredBy() == ch);
                    result.add(lock.isValid());
                    result.add(lock.isShared());
                    result.add(lock.overlaps(2, 10));
                    try {
                        other.tryLock(0, 4, false);
                        result.add("locked twice");
                    } catch (java.nio.channels.OverlappingFileLockException e) {
                        result.add("overlapping");
                    }
                    FileLock second = ch.tryLock(10, 2, true);
                    result.add(second != null && second.acquiredBy() == ch);
                    second.release();
                    result.add(second.isValid());
                }
                return result;
            }
        });
        step("map", () -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, 4);
                map.put(0, (byte) 'X');
                map.force();
            }
            return Files.readString(file);
        });
        step("transfer file to file", () -> {
            Path copy = dir.resolve("copy.bin");
            try (FileChannel in = FileChannel.open(file); FileChannel out = FileChannel.open(copy,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                return List.of(in.transferTo(1, 100, out), out.transferFrom(in, 7, 3), in.position(),
                        out.position(), Files.readString(copy));
            }
        });
    }

    private static void directories() {
        Path dir = base.resolve("tree");
        step("tree", () -> {
            for (String f : List.of("a/1.txt", "a/2.md", "b/c/3.txt", "4.txt", ".hidden")) {
                Files.createDirectories(dir.resolve(f).getParent());
                Files.writeString(dir.resolve(f), f);
            }
            return "made";
        });
        step("directory stream", () -> {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                TreeSet<String> names = new TreeSet<>();
                entries.forEach(p -> names.add(rel(p)));
                return names;
            }
        });
        step("directory glob", () -> {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.txt")) {
                TreeSet<String> names = new TreeSet<>();
                entries.forEach(p -> names.add(p.getFileName().toString()));
                return names;
            }
        });
        step("list", () -> {
            try (Stream<Path> list = Files.list(dir)) {
                return list.map(FileApiProbe::rel).sorted().collect(Collectors.toList());
            }
        });
        step("walk", () -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.map(FileApiProbe::rel).sorted().collect(Collectors.toList());
            }
        });
        step("walk depth", () -> {
            try (Stream<Path> walk = Files.walk(dir, 1)) {
                return walk.map(FileApiProbe::rel).sorted().collect(Collectors.toList());
            }
        });
        step("find", () -> {
            try (Stream<Path> found = Files.find(dir, 10, (p, a) -> a.isRegularFile() && p.toString().endsWith(".txt"))) {
                return found.map(FileApiProbe::rel).sorted().collect(Collectors.toList());
            }
        });
        step("walkFileTree", () -> {
            List<String> visited = new ArrayList<>();
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    visited.add("dir " + rel(d));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    visited.add("file " + rel(f) + " " + attrs.size());
                    return FileVisitResult.CONTINUE;
                }
            });
            visited.sort(null);
            return visited;
        });
        step("delete tree", () -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
            return Files.exists(dir);
        });
    }

    private static void watch() {
        Path dir = base.resolve("watched");
        step("watch", () -> {
            Files.createDirectories(dir);
            try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
                WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
                Files.writeString(dir.resolve("new.txt"), "n");
                WatchKey taken = watcher.poll(30, TimeUnit.SECONDS);
                List<Object> result = new ArrayList<>();
                result.add(taken == key);
                result.add(rel((Path) taken.watchable()));
                for (WatchEvent<?> event : taken.pollEvents()) {
                    result.add(event.kind().name() + " " + event.context() + " "
                            + ((Path) taken.watchable()).resolve((Path) event.context()).equals(dir.resolve("new.txt")));
                }
                result.add(taken.reset());
                key.cancel();
                result.add(key.isValid());
                return result;
            }
        });
    }

    private static void concurrent() {
        step("concurrent", () -> {
            Path dir = Files.createDirectories(base.resolve("concurrent"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        byte[] data = new byte[100_000 + n];
                        for (int j = 0; j < data.length; j++) {
                            data[j] = (byte) (j * (n + 1));
                        }
                        Path in = Files.write(dir.resolve("in" + n), data);
                        Path out = dir.resolve("out" + n);
                        try (FileChannel src = FileChannel.open(in); FileChannel dst = FileChannel.open(out,
                                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                            long moved = 0;
                            while (moved < data.length) {
                                moved += src.transferTo(moved, data.length - moved, dst);
                            }
                        }
                        return Files.mismatch(in, out) == -1;
                    }));
                }
                List<Boolean> all = new ArrayList<>();
                for (Future<Boolean> r : results) {
                    all.add(r.get(60, TimeUnit.SECONDS));
                }
                return all.stream().allMatch(b -> b) + " " + all.size();
            } finally {
                pool.shutdown();
            }
        });
    }

    private static String rel(Path p) {
        return base.relativize(p).toString();
    }
}
