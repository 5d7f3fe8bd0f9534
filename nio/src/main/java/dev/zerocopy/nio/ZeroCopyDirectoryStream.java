package dev.zerocopy.nio;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;

/** A JDK directory stream whose entries are wrapped paths; closing it closes the JDK's. */
final class ZeroCopyDirectoryStream implements DirectoryStream<Path> {

    private final ZeroCopyFileSystem fileSystem;
    private final DirectoryStream<Path> delegate;

    ZeroCopyDirectoryStream(ZeroCopyFileSystem fileSystem, DirectoryStream<Path> delegate) {
        this.fileSystem = fileSystem;
        this.delegate = delegate;
    }

    @Override
    public Iterator<Path> iterator() {
        Iterator<Path> entries = delegate.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Path next() {
                return fileSystem.wrap(entries.next());
            }
        };
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
