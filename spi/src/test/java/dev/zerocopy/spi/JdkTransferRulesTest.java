package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size check of {@code transferTo}: a call into a connected socket whose range lies below a size the
 * context saw for the file asks the file for no size (a 16 KiB call is then one system call); any other
 * call reads it, and the bound is the size at the start of that call.
 */
@Timeout(30)
class JdkTransferRulesTest {

    @TempDir
    Path dir;

    @Test
    void aCallWithinASizeSeenBeforeReadsNoSize() throws Exception {
        Path path = Files.write(dir.resolve("f"), new byte[64 * 1024]);
        TransferContext context = TransferContext.take();
        try (CountingFile file = new CountingFile(FileChannel.open(path, StandardOpenOption.READ));
                Loopback loop = Loopback.open()) {
            SocketChannel sink = loop.near();
            assertEquals(16384, JdkTransferRules.transferTo(file, 0, 16384, sink, context));
            assertEquals(1, file.sizes, "the first call reads the size");
            assertEquals(16384, JdkTransferRules.transferTo(file, 48 * 1024, 16384, sink, context));
            assertEquals(100, JdkTransferRules.transferTo(file, 0, 100, sink, context));
            assertEquals(1, file.sizes, "calls within the size seen read none");

            assertEquals(1024, JdkTransferRules.transferTo(file, 63 * 1024, 16384, sink, context));
            assertEquals(2, file.sizes, "a range beyond the size seen reads it");
            assertEquals(0, JdkTransferRules.transferTo(file, 65 * 1024, 1, sink, context));
            assertEquals(3, file.sizes);

            Files.write(path, new byte[16 * 1024], StandardOpenOption.APPEND);
            assertEquals(16384, JdkTransferRules.transferTo(file, 64 * 1024, Long.MAX_VALUE, sink, context),
                    "bounded by the size at the start of the call, which grew");
            assertEquals(4, file.sizes);
            assertEquals(16384, JdkTransferRules.transferTo(file, 64 * 1024, 16384, sink, context));
            assertEquals(4, file.sizes, "the larger size is remembered");

            try (FileChannel writer = FileChannel.open(path, StandardOpenOption.WRITE)) {
                writer.truncate(8 * 1024);
            }
            assertEquals(8192, JdkTransferRules.transferTo(file, 0, Long.MAX_VALUE, sink, context));
            assertEquals(5, file.sizes);
            assertEquals(8192, JdkTransferRules.transferTo(file, 0, 16384, sink, context),
                    "a size read after the file shrank bounds the next call, not the larger one before");
            assertEquals(6, file.sizes);
        } finally {
            context.release();
        }
    }

    @Test
    void anotherFileHasItsSizeRead() throws Exception {
        Path first = Files.write(dir.resolve("a"), new byte[4096]);
        Path second = Files.write(dir.resolve("b"), new byte[100]);
        TransferContext context = TransferContext.take();
        try (CountingFile a = new CountingFile(FileChannel.open(first, StandardOpenOption.READ));
                CountingFile b = new CountingFile(FileChannel.open(second, StandardOpenOption.READ));
                Loopback loop = Loopback.open()) {
            SocketChannel sink = loop.near();
            assertEquals(4096, JdkTransferRules.transferTo(a, 0, 4096, sink, context));
            assertEquals(100, JdkTransferRules.transferTo(b, 0, 4096, sink, context),
                    "bounded by its own size, not by the other file's");
            assertEquals(1, b.sizes);
            assertEquals(4096, JdkTransferRules.transferTo(a, 0, 4096, sink, context));
            assertEquals(2, a.sizes, "only the last file's size is remembered");
        } finally {
            context.release();
        }
    }

    @Test
    void aFileThatReportsNoSizeIsAskedEachTime() throws Exception {
        Path path = Files.createFile(dir.resolve("empty"));
        TransferContext context = TransferContext.take();
        try (CountingFile file = new CountingFile(FileChannel.open(path, StandardOpenOption.READ));
                Loopback loop = Loopback.open()) {
            SocketChannel sink = loop.near();
            long expected = JdkTransferRules.JDK21_RULES ? 10 : 0;   // read to its end since JDK 21
            assertEquals(expected, JdkTransferRules.transferTo(file, 0, 10, sink, context));
            assertEquals(expected, JdkTransferRules.transferTo(file, 0, 10, sink, context));
            assertEquals(2, file.sizes, "a size of zero (as /proc reports) proves nothing");
        } finally {
            context.release();
        }
    }

    @Test
    void everyCallIntoAPipeOrAFileReadsTheSize() throws Exception {
        Path path = Files.write(dir.resolve("f"), new byte[64 * 1024]);
        Path copy = Files.createFile(dir.resolve("copy"));
        TransferContext context = TransferContext.take();
        Pipe pipe = Pipe.open();
        try (CountingFile file = new CountingFile(FileChannel.open(path, StandardOpenOption.READ));
                FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE);
                Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            assertEquals(16384, JdkTransferRules.transferTo(file, 0, 16384, sink, context));
            assertEquals(16384, JdkTransferRules.transferTo(file, 0, 16384, sink, context));
            assertEquals(2, file.sizes, "a pipe is written before the file is read: the bound must come first");
            assertEquals(16384, JdkTransferRules.transferTo(file, 0, 16384, out, context));
            assertEquals(3, file.sizes, "a file target may be the same file: its size at the start bounds the copy");
        } finally {
            context.release();
        }
    }

    @Test
    void anUnconnectedSocketOrACountOfZeroHasTheSizeRead() throws Exception {
        Path path = Files.write(dir.resolve("f"), new byte[4096]);
        TransferContext context = TransferContext.take();
        try (CountingFile file = new CountingFile(FileChannel.open(path, StandardOpenOption.READ));
                Loopback loop = Loopback.open(); SocketChannel unconnected = SocketChannel.open()) {
            assertEquals(100, JdkTransferRules.transferTo(file, 0, 100, loop.near(), context));
            Class<? extends Exception> expected = JdkTransferRules.JDK21_RULES
                    ? java.nio.channels.NotYetConnectedException.class : IOException.class;
            assertThrows(expected, () -> JdkTransferRules.transferTo(file, 0, 100, unconnected, context),
                    "within the size seen, an unconnected socket still gets the JDK's exception");
            assertEquals(2, file.sizes);
            assertEquals(0, JdkTransferRules.transferTo(file, 0, 0, loop.near(), context));
            assertEquals(3, file.sizes, "a count of 0 takes the JDK's full checks");
        } finally {
            context.release();
        }
    }

    /** A file channel that counts the calls of {@link #size()}; everything else goes to the real one. */
    private static final class CountingFile extends FileChannel {
        private final FileChannel file;
        int sizes;

        CountingFile(FileChannel file) {
            this.file = file;
        }

        @Override
        public long size() throws IOException {
            sizes++;
            return file.size();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
