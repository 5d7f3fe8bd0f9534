package dev.zerocopy.nio;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The routing rules of {@link TransferHook}: when it answers, when it leaves the call to the JDK. */
@Timeout(30)
class TransferHookTest {

    /** The warnings the hook logs, captured instead of printed (JDK logging backs System.Logger here). */
    private final List<java.util.logging.LogRecord> logged = new ArrayList<>();
    private final java.util.logging.Logger nioLogger = java.util.logging.Logger.getLogger("dev.zerocopy.nio");
    private final java.util.logging.Handler capture = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @org.junit.jupiter.api.BeforeEach
    void captureWarnings() {
        nioLogger.setUseParentHandlers(false);
        nioLogger.addHandler(capture);
    }

    @org.junit.jupiter.api.AfterEach
    void releaseWarnings() {
        nioLogger.removeHandler(capture);
        nioLogger.setUseParentHandlers(true);
    }

    @TempDir
    Path dir;

    private Path source() throws IOException {
        Path file = dir.resolve("in.bin");
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, data);
        return file;
    }

    @Test
    void routesThroughTheProviderAndLeavesThePositionAlone() throws Exception {
        Counting counting = new Counting(new PortableTransfer());
        TransferHook hook = new TransferHook(() -> counting);
        Path in = source();
        Path out = dir.resolve("out.bin");
        try (FileChannel from = FileChannel.open(in, READ); FileChannel to = FileChannel.open(out, CREATE, WRITE)) {
            from.position(5);
            assertEquals(Long.valueOf(10_000), hook.transferTo(from, 0, 20_000, to));
            assertEquals(5, from.position());
            assertEquals(1, counting.calls.get());
            assertEquals(Long.valueOf(100), hook.transferFrom(to, from.position(0), 10_000, 100));
            assertEquals(2, counting.calls.get());
        }
        byte[] expected = Files.readAllBytes(in);
        byte[] actual = Files.readAllBytes(out);
        assertEquals(10_100, actual.length);
        assertArrayEquals(java.util.Arrays.copyOf(expected, 10_000), java.util.Arrays.copyOf(actual, 10_000));
        assertArrayEquals(java.util.Arrays.copyOf(expected, 100),
                java.util.Arrays.copyOfRange(actual, 10_000, 10_100));
    }

    @Test
    void leavesCallsThatTheJdkRejectsToTheJdk() throws Exception {
        Counting counting = new Counting(new PortableTransfer());
        TransferHook hook = new TransferHook(() -> counting);
        Path in = source();
        try (FileChannel read = FileChannel.open(in, READ); FileChannel write = FileChannel.open(in, WRITE)) {
            assertNull(hook.transferTo(read, -1, 1, write), "negative position");
            assertNull(hook.transferTo(read, 0, -1, write), "negative count");
            assertNull(hook.transferTo(write, 0, 1, write), "source not readable");
            assertNull(hook.transferTo(read, 0, 1, read), "target not writable");
            assertNull(hook.transferFrom(read, write, 0, 1), "target not writable");
            assertNull(hook.transferFrom(write, write, 0, 1), "source not readable");
            assertNull(hook.transferFrom(write, read, -1, 1), "negative position");
            FileChannel closed = FileChannel.open(in, READ);
            closed.close();
            assertNull(hook.transferTo(closed, 0, 1, write), "closed source");
            assertNull(hook.transferTo(read, 0, 1, closed), "closed target");
            assertNull(hook.transferFrom(write, closed, 0, 1), "closed source");
        }
        assertEquals(0, counting.calls.get());
    }

    @Test
    void nestedCallsOnTheSameThreadRunTheJdkBody() throws Exception {
        List<Long> nested = new ArrayList<>();
        TransferHook[] self = new TransferHook[1];
        ZeroCopyTransfer reentering = new Counting(new PortableTransfer()) {
            @Override
            public long transfer(FileChannel source, long position, long count, WritableByteChannel target)
                    throws IOException {
                assertTrue(TransferHook.routing());
                nested.add(self[0].transferTo(source, position, count, target));
                return super.transfer(source, position, count, target);
            }
        };
        self[0] = new TransferHook(() -> reentering);
        Path in = source();
        try (FileChannel from = FileChannel.open(in, READ);
                FileChannel to = FileChannel.open(dir.resolve("out.bin"), CREATE, WRITE)) {
            assertEquals(Long.valueOf(10_000), self[0].transferTo(from, 0, 10_000, to));
        }
        assertEquals(java.util.Collections.singletonList((Long) null), nested);
        assertFalse(TransferHook.routing(), "the guard is released");
    }

    @Test
    void transferFailuresPropagateAndKeepTheHookOn() throws Exception {
        IOException io = new IOException("peer reset");
        TransferHook hook = new TransferHook(() -> new Counting(new PortableTransfer()) {
            @Override
            public long transfer(FileChannel source, long position, long count, WritableByteChannel target)
                    throws IOException {
                throw io;
            }
        });
        Path in = source();
        try (FileChannel from = FileChannel.open(in, READ);
                FileChannel to = FileChannel.open(dir.resolve("out.bin"), CREATE, WRITE)) {
            assertSame(io, assertThrows(IOException.class, () -> hook.transferTo(from, 0, 10, to)));
            assertSame(io, assertThrows(IOException.class, () -> hook.transferTo(from, 0, 10, to)));
        }
        assertNull(hook.disabledBy());
        assertFalse(TransferHook.routing());
    }

    @Test
    void aBrokenProviderTurnsTheHookOffAndTheJdkDoesTheWork() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        UnsatisfiedLinkError broken = new UnsatisfiedLinkError("no libc here");
        TransferHook hook = new TransferHook(() -> {
            lookups.incrementAndGet();
            throw broken;
        });
        Path in = source();
        try (FileChannel from = FileChannel.open(in, READ);
                FileChannel to = FileChannel.open(dir.resolve("out.bin"), CREATE, WRITE)) {
            assertNull(hook.transferTo(from, 0, 10, to));
            assertSame(broken, hook.disabledBy());
            assertNull(hook.transferFrom(to, from, 0, 10));
        }
        assertEquals(1, lookups.get(), "asked once, then off");
        assertEquals(1, logged.size(), "reported once");
        assertSame(broken, logged.get(0).getThrown());
    }

    /**
     * A binding that fails inside the provider's transfer may fail after bytes moved: the call fails with an
     * IOException rather than letting the JDK send them again, and later calls are the JDK's.
     */
    @Test
    void aLinkageErrorDuringTheTransferFailsTheCallAndTurnsTheHookOff() throws Exception {
        NoClassDefFoundError missing = new NoClassDefFoundError("com/sun/jna/Native");
        TransferHook hook = new TransferHook(() -> new Counting(new PortableTransfer()) {
            @Override
            public long transfer(ReadableByteChannel source, FileChannel target, long position, long count) {
                throw missing;
            }
        });
        Path in = source();
        try (FileChannel from = FileChannel.open(in, READ);
                FileChannel to = FileChannel.open(dir.resolve("out.bin"), CREATE, WRITE)) {
            IOException failed = assertThrows(IOException.class, () -> hook.transferFrom(to, from, 0, 10));
            assertSame(missing, failed.getCause());
            assertSame(missing, hook.disabledBy());
            assertNull(hook.transferFrom(to, from, 0, 10), "the JDK's from now on");
        }
        assertEquals(1, logged.size(), "reported once");
        assertSame(missing, logged.get(0).getThrown());
    }

    /** A provider that counts its positional transfers. */
    private static class Counting extends TestTransfer {
        final AtomicInteger calls = new AtomicInteger();
        private final ZeroCopyTransfer inner;

        Counting(ZeroCopyTransfer inner) {
            super("counting");
            this.inner = inner;
        }

        @Override
        public long transfer(FileChannel source, long position, long count, WritableByteChannel target)
                throws IOException {
            calls.incrementAndGet();
            return inner.transfer(source, position, count, target);
        }

        @Override
        public long transfer(ReadableByteChannel source, FileChannel target, long position, long count)
                throws IOException {
            calls.incrementAndGet();
            return inner.transfer(source, target, position, count);
        }

        @Override
        public long transfer(ReadableByteChannel source, WritableByteChannel target) throws IOException {
            return inner.transfer(source, target);
        }
    }
}
