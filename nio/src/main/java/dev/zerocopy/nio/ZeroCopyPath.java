package dev.zerocopy.nio;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/**
 * A {@link Path} of the {@link ZeroCopyFileSystem}: the JDK's own path inside, every answer the JDK's,
 * every path returned wrapped. Paths of other providers are refused as the JDK refuses them: methods
 * that combine paths throw {@link ProviderMismatchException}, comparisons answer {@code false}
 * ({@link #startsWith(Path)}, {@link #endsWith(Path)}, {@link #equals(Object)}) or throw
 * {@link ClassCastException} ({@link #compareTo(Path)}).
 */
final class ZeroCopyPath implements Path {

    private final ZeroCopyFileSystem fileSystem;
    private final Path delegate;

    ZeroCopyPath(ZeroCopyFileSystem fileSystem, Path delegate) {
        this.fileSystem = fileSystem;
        this.delegate = delegate;
    }

    /**
     * Returns the JDK path inside a path of this provider.
     *
     * @param path a path
     * @return the JDK path
     * @throws NullPointerException      if {@code path} is {@code null}
     * @throws ProviderMismatchException if {@code path} is not a path of this provider
     */
    static Path unwrap(Path path) {
        if (Objects.requireNonNull(path, "path") instanceof ZeroCopyPath zero) {
            return zero.delegate;
        }
        throw new ProviderMismatchException("not a path of the zerocopy file system: " + path.getClass().getName());
    }

    /**
     * Returns the JDK path inside.
     *
     * @return the JDK path
     */
    Path delegate() {
        return delegate;
    }

    private Path wrap(Path path) {
        return fileSystem.wrap(path);
    }

    @Override
    public ZeroCopyFileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return delegate.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(delegate.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(delegate.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(delegate.getParent());
    }

    @Override
    public int getNameCount() {
        return delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(delegate.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return Objects.requireNonNull(other, "other") instanceof ZeroCopyPath zero && delegate.startsWith(zero.delegate);
    }

    @Override
    public boolean startsWith(String other) {
        return delegate.startsWith(other);
    }

    @Override
    public boolean endsWith(Path other) {
        return Objects.requireNonNull(other, "other") instanceof ZeroCopyPath zero && delegate.endsWith(zero.delegate);
    }

    @Override
    public boolean endsWith(String other) {
        return delegate.endsWith(other);
    }

    @Override
    public Path normalize() {
        return wrap(delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(delegate.resolve(unwrap(other)));
    }

    @Override
    public Path resolve(String other) {
        return wrap(delegate.resolve(other));
    }

    @Override
    public Path resolveSibling(Path other) {
        return wrap(delegate.resolveSibling(unwrap(other)));
    }

    @Override
    public Path resolveSibling(String other) {
        return wrap(delegate.resolveSibling(other));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(delegate.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return delegate.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(delegate.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(delegate.toRealPath(options));
    }

    /** {@inheritDoc} Like the JDK's: only for the default file system, which this one is when installed. */
    @Override
    public File toFile() {
        if (fileSystem == FileSystems.getDefault() || delegate.getFileSystem() == FileSystems.getDefault()) {
            return new File(toString());
        }
        throw new UnsupportedOperationException("Path not associated with default file system.");
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        if (!(Objects.requireNonNull(watcher, "watcher") instanceof ZeroCopyWatchService service)) {
            throw new ProviderMismatchException("not a watch service of the zerocopy file system");
        }
        return service.register(this, events, modifiers);
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>... events) throws IOException {
        return register(watcher, events, new WatchEvent.Modifier[0]);
    }

    @Override
    public int compareTo(Path other) {
        return delegate.compareTo(((ZeroCopyPath) other).delegate);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZeroCopyPath zero && delegate.equals(zero.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
