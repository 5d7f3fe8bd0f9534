package dev.zerocopy.nio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A default {@link FileSystemProvider} that makes {@code FileChannel.open} and {@code Files.newByteChannel}
 * channels transfer through {@link dev.zerocopy.ZeroCopyTransfer}, for JVMs where a Java agent is not
 * allowed. Install it with
 * <pre>{@code
 * java -Djava.nio.file.spi.DefaultFileSystemProvider=dev.zerocopy.nio.ZeroCopyFileSystemProvider ...
 * }</pre>
 * (the class must be on the class path). It delegates everything to the built-in provider it is
 * constructed with; its file system and paths wrap the JDK's (see {@link ZeroCopyPath} for how foreign
 * paths are refused), and {@link #newFileChannel} and {@link #newByteChannel} return a wrapper whose
 * {@code transferTo}/{@code transferFrom} use {@code ZeroCopyTransfer} (see {@link ZeroCopyFileChannel}).
 *
 * <p>Start-up safety: the constructor does nothing but store the built-in provider (touching {@code Path},
 * {@code Files} or a native library there would re-enter this provider while the JVM initialises its
 * default file system); providers and native libraries are loaded on the first transfer. While a thread
 * runs a transfer (loading a provider may open files, and JDK 25 re-enters the file system while native
 * libraries load), its nested calls get the JDK's own channels.
 *
 * <p>When the {@linkplain ZeroCopyAgent agent} is active, channels are the JDK's own: the agent already
 * routes them, and keeping the JDK's class is better for everyone.
 *
 * <p>Limits: channels from {@code FileInputStream}, {@code FileOutputStream} and {@code RandomAccessFile}
 * never pass through a {@code FileSystemProvider}; use the agent for those. Do not combine this route with
 * native transports that read the JDK channel's private fields (Netty's epoll {@code DefaultFileRegion}
 * crashes the JVM when given a wrapped channel). Directory streams are plain {@link DirectoryStream}s (not
 * {@code SecureDirectoryStream}s). On JDK 24 and later, give {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens java.base/java.io=ALL-UNNAMED} so that file descriptors are read without {@code sun.misc.Unsafe},
 * and {@code --enable-native-access=ALL-UNNAMED} so that JNA may bind libc: without them zerocopy stays
 * silent but cannot read file descriptors or bind the C library, and transfers use the JDK's own methods
 * (the agent needs neither flag).
 */
public final class ZeroCopyFileSystemProvider extends FileSystemProvider {

    private final FileSystemProvider delegate;
    private final TransferHook hook;
    private volatile ZeroCopyFileSystem fileSystem;

    /**
     * Creates the provider around the JDK's built-in one; called by the JVM.
     *
     * @param builtIn the built-in default provider
     */
    public ZeroCopyFileSystemProvider(FileSystemProvider builtIn) {
        this(builtIn, TransferHook.SHARED);
    }

    /**
     * Creates the provider with a given hook (tests).
     *
     * @param builtIn the built-in default provider
     * @param hook    the transfer hook of its channels
     */
    ZeroCopyFileSystemProvider(FileSystemProvider builtIn, TransferHook hook) {
        this.delegate = Objects.requireNonNull(builtIn, "builtIn");
        this.hook = hook;
    }

    private ZeroCopyFileSystem fileSystem() {
        ZeroCopyFileSystem fs = fileSystem;
        if (fs == null) {
            synchronized (this) {
                fs = fileSystem;
                if (fs == null) {
                    fs = new ZeroCopyFileSystem(this, delegate.getFileSystem(URI.create("file:///")));
                    fileSystem = fs;
                }
            }
        }
        return fs;
    }

    private static Path unwrap(Path path) {
        return ZeroCopyPath.unwrap(path);
    }

    private boolean wrapsChannels() {
        return !ZeroCopyAgent.isActive() && !TransferHook.routing();
    }

    @Override
    public String getScheme() {
        return delegate.getScheme();
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        delegate.newFileSystem(uri, env);
        return fileSystem();
    }

    @Override
    public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
        return delegate.newFileSystem(unwrap(path), env);
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        delegate.getFileSystem(uri);
        return fileSystem();
    }

    @Override
    public Path getPath(URI uri) {
        Path path = delegate.getPath(uri);
        // The JDK's provider makes a file URI's path with File.toPath, on the default file system: this one.
        return path instanceof ZeroCopyPath ? path : fileSystem().wrap(path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attrs) throws IOException {
        SeekableByteChannel channel = delegate.newByteChannel(unwrap(path), options, attrs);
        return channel instanceof FileChannel file && wrapsChannels() ? new ZeroCopyFileChannel(file, hook) : channel;
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        FileChannel channel = delegate.newFileChannel(unwrap(path), options, attrs);
        return wrapsChannels() ? new ZeroCopyFileChannel(channel, hook) : channel;
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(Path path, Set<? extends OpenOption> options,
            ExecutorService executor, FileAttribute<?>... attrs) throws IOException {
        return delegate.newAsynchronousFileChannel(unwrap(path), options, executor, attrs);
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        return delegate.newInputStream(unwrap(path), options);
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        return delegate.newOutputStream(unwrap(path), options);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        ZeroCopyFileSystem fs = fileSystem();
        Objects.requireNonNull(filter, "filter");
        return new ZeroCopyDirectoryStream(fs,
                delegate.newDirectoryStream(unwrap(dir), entry -> filter.accept(fs.wrap(entry))));
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        delegate.createDirectory(unwrap(dir), attrs);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        delegate.createSymbolicLink(unwrap(link), unwrap(target), attrs);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        delegate.createLink(unwrap(link), unwrap(existing));
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(unwrap(path));
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return delegate.deleteIfExists(unwrap(path));
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return fileSystem().wrap(delegate.readSymbolicLink(unwrap(link)));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        delegate.copy(unwrap(source), unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        delegate.move(unwrap(source), unwrap(target), options);
    }

    /** {@inheritDoc} As with the JDK, a path of another provider is never the same file. */
    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        Path self = unwrap(path);
        if (!(Objects.requireNonNull(path2, "path2") instanceof ZeroCopyPath other)) {
            return false;
        }
        return delegate.isSameFile(self, other.delegate());
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return delegate.isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return delegate.getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        delegate.checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return delegate.getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return delegate.readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        return delegate.readAttributes(unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        delegate.setAttribute(unwrap(path), attribute, value, options);
    }
}
