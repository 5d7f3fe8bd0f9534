package dev.zerocopy.nio;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The file system of {@link ZeroCopyFileSystemProvider}: the JDK's default file system with every
 * {@link Path} wrapped in a {@link ZeroCopyPath}, so that file operations on those paths reach the
 * provider. File stores, attribute views and user principals are the JDK's own (they hold no paths).
 */
final class ZeroCopyFileSystem extends FileSystem {

    private final ZeroCopyFileSystemProvider provider;
    private final FileSystem delegate;

    ZeroCopyFileSystem(ZeroCopyFileSystemProvider provider, FileSystem delegate) {
        this.provider = provider;
        this.delegate = delegate;
    }

    /**
     * Wraps a JDK path of the delegate file system.
     *
     * @param path the JDK path, or {@code null}
     * @return the wrapped path, or {@code null}
     */
    Path wrap(Path path) {
        return path == null ? null : new ZeroCopyPath(this, path);
    }

    /**
     * Returns the JDK's file system inside.
     *
     * @return the delegate
     */
    FileSystem delegate() {
        return delegate;
    }

    @Override
    public ZeroCopyFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public boolean isReadOnly() {
        return delegate.isReadOnly();
    }

    @Override
    public String getSeparator() {
        return delegate.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        for (Path root : delegate.getRootDirectories()) {
            roots.add(wrap(root));
        }
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return delegate.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return delegate.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(delegate.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(path instanceof ZeroCopyPath zero ? zero.delegate() : path);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return delegate.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return new ZeroCopyWatchService(this, delegate.newWatchService());
    }
}
