package dev.zerocopy.spi;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential tests with the running JDK as the oracle: each case makes the same call on two identical
 * fixtures, once through the JDK's own {@code transferTo}/{@code transferFrom} and once through a
 * provider, and compares the results (count or exception, in the JDK's order) and the files. Subclasses
 * name the provider.
 */
@Timeout(30)
public abstract class JdkOracleSuite {

    /** A file of this size is copied into itself; the buggy copy would write a thousand times more. */
    private static final int SELF = 64 * 1024;
    private static final long SIXTEEN_TIB = 16L << 40;

    @TempDir
    protected Path dir;

    private int files;

    /**
     * Returns the provider under test.
     *
     * @return the provider
     */
    protected abstract ZeroCopyTransfer provider();

    /** What a call did: its count, or the exception it threw. */
    protected record Outcome(Long count, Exception failure) {

        static Outcome of(Call call) {
            try {
                return new Outcome(call.run(), null);
            } catch (Exception e) {
                return new Outcome(null, e);
            }
        }

        /** Asserts that {@code actual} is what this JDK outcome demands: the count, or the same exception. */
        void expect(Outcome actual, String what) {
            if (failure == null) {
                assertEquals(this.toString(), actual.toString(), what);
            } else {
                assertNotNull(actual.failure, what + ": the JDK threw " + failure + ", the provider returned "
                        + actual.count);
                assertInstanceOf(failure.getClass(), actual.failure, what + ": the JDK threw " + failure);
                if (!(failure instanceof java.nio.channels.ClosedChannelException)) {
                    assertFalse(actual.failure instanceof java.nio.channels.ClosedChannelException,
                            what + ": the JDK threw " + failure + ", not a closed channel's exception, but the provider "
                                    + actual.failure);
                }
            }
        }

        @Override
        public String toString() {
            return failure == null ? "returned " + count : "threw " + failure.getClass().getName();
        }
    }

    /** A transfer call. */
    @FunctionalInterface
    protected interface Call {
        long run() throws Exception;
    }

    /** Writes a new file of {@code size} bytes, each its index modulo 251. */
    protected Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return Files.write(dir.resolve("f" + files++), bytes);
    }

    private static FileChannel open(Path path, OpenOption... options) throws IOException {
        return FileChannel.open(path, Set.of(options));
    }

    // ---- transferFrom at and beyond the end of the file: the running JDK's rule ---------------------

    @Test
    void transferFromBeyondTheEndFollowsTheRunningJdk() throws Exception {
        for (long position : new long[] {10, 100}) {
            Path jdkTarget = file(10);
            Path zcTarget = file(10);
            Path source = file(10);
            Outcome jdk = intoFile(source, jdkTarget, true, true, (in, out) -> out.transferFrom(in, position, 10));
            Outcome zc = intoFile(source, zcTarget, true, true,
                    (in, out) -> provider().transfer(in, out, position, 10));
            jdk.expect(zc, "transferFrom at " + position);
            assertArrayEquals(Files.readAllBytes(jdkTarget), Files.readAllBytes(zcTarget), "file at " + position);
        }
    }

    @Test
    void transferFromASocketBeyondTheEndFollowsTheRunningJdk() throws Exception {
        Path jdkTarget = file(10);
        Path zcTarget = file(10);
        Outcome jdk = fromSocket(10, (socket) -> {
            try (FileChannel out = open(jdkTarget, WRITE)) {
                return out.transferFrom(socket, 100, 10);
            }
        });
        Outcome zc = fromSocket(10, (socket) -> {
            try (FileChannel out = open(zcTarget, WRITE)) {
                return provider().transfer(socket, out, 100, 10);
            }
        });
        jdk.expect(zc, "transferFrom a socket at 100");
        assertEquals(Files.size(jdkTarget), Files.size(zcTarget));
    }

    @Test
    void transferFromAtTheLargestPositionsFailsAsTheJdk() throws Exception {
        Path source = file(10);
        for (long position : new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
            Path jdkTarget = file(10);
            Path zcTarget = file(10);
            Outcome jdk = intoFile(source, jdkTarget, true, true, (in, out) -> out.transferFrom(in, position, 10));
            Outcome zc = intoFile(source, zcTarget, true, true,
                    (in, out) -> provider().transfer(in, out, position, 10));
            if (jdk.failure() != null) {
                assertNotNull(zc.failure(), "the JDK threw " + jdk.failure() + ", the provider " + zc);
                assertTrue(zc.failure() instanceof IOException || zc.failure() instanceof RuntimeException);
                assertEquals(jdk.failure() instanceof IOException, zc.failure() instanceof IOException,
                        jdk.failure() + " / " + zc.failure());
                if (jdk.failure() instanceof IOException && jdk.failure().getMessage() != null) {
                    assertTrue(zc.failure().getMessage().contains(jdk.failure().getMessage()),
                            jdk.failure() + " / " + zc.failure());
                }
            } else {
                jdk.expect(zc, "transferFrom at " + position);
            }
            assertEquals(Files.size(jdkTarget), Files.size(zcTarget), "size after a transfer at " + position);
        }
    }

    // ---- a copy of a file into itself is bounded by the size at its start ---------------------------

    /** One self copy: opens its channels on the given file and returns the count. */
    @FunctionalInterface
    private interface SelfCopy {
        long run(Path file, boolean jdk) throws Exception;
    }

    private void selfCopy(String what, SelfCopy copy) throws Exception {
        Path jdkFile = file(SELF);
        Path zcFile = file(SELF);
        Outcome jdk = Outcome.of(() -> copy.run(jdkFile, true));
        Outcome zc = Outcome.of(() -> copy.run(zcFile, false));
        jdk.expect(zc, what);
        assertEquals(Files.size(jdkFile), Files.size(zcFile), what + ": size");
        assertArrayEquals(Files.readAllBytes(jdkFile), Files.readAllBytes(zcFile), what + ": bytes");
    }

    @Test
    void selfCopyIntoAnAppendingChannelEnds() throws Exception {
        selfCopy("to an APPEND channel of the same file", (path, jdk) -> {
            try (FileChannel in = open(path, READ); FileChannel out = open(path, WRITE, APPEND)) {
                return jdk ? in.transferTo(0, 1000L * SELF, out) : provider().transfer(in, 0, 1000L * SELF, out);
            }
        });
    }

    @Test
    void selfCopyIntoAWriteChannelAtTheEndEnds() throws Exception {
        selfCopy("to a WRITE channel at the end of the same file", (path, jdk) -> {
            try (FileChannel in = open(path, READ); FileChannel out = open(path, WRITE)) {
                out.position(SELF);
                return jdk ? in.transferTo(0, 1000L * SELF, out) : provider().transfer(in, 0, 1000L * SELF, out);
            }
        });
    }

    @Test
    void positionalSelfCopyFromTheStartEnds() throws Exception {
        selfCopy("transferFrom the same file at its end", (path, jdk) -> {
            try (FileChannel in = open(path, READ); FileChannel out = open(path, WRITE)) {
                return jdk ? out.transferFrom(in, SELF, 1000L * SELF)
                        : provider().transfer(in, out, SELF, 1000L * SELF);
            }
        });
    }

    @Test
    void oneChannelAsBothEndsEnds() throws Exception {
        selfCopy("transferTo one channel", (path, jdk) -> {
            try (FileChannel both = open(path, READ, WRITE)) {
                both.position(SELF);
                return jdk ? both.transferTo(0, 1000L * SELF, both) : provider().transfer(both, 0, 1000L * SELF, both);
            }
        });
        selfCopy("transferFrom one channel", (path, jdk) -> {
            try (FileChannel both = open(path, READ, WRITE)) {
                return jdk ? both.transferFrom(both, SELF, 1000L * SELF)
                        : provider().transfer(both, both, SELF, 1000L * SELF);
            }
        });
    }

    // ---- a file whose size changed between calls: the size at the start of each call ------------------

    @Test
    void transferToAfterTheFileShrankAnswersAsTheJdk() throws Exception {
        int size = 64 * 1024;
        int call = 16 * 1024;
        Path jdkFile = file(size);
        Path zcFile = file(size);
        try (FileChannel jdkIn = open(jdkFile, READ); FileChannel zcIn = open(zcFile, READ);
                FileChannel jdkCut = open(jdkFile, WRITE); FileChannel zcCut = open(zcFile, WRITE);
                Loopback jdkLoop = Loopback.open(); Loopback zcLoop = Loopback.open()) {
            assertEquals(jdkIn.transferTo(0, call, jdkLoop.near()), provider().transfer(zcIn, 0, call, zcLoop.near()),
                    "a first call, which sees the whole file");
            jdkCut.truncate(call + 100);
            zcCut.truncate(call + 100);
            for (long position : new long[] {call, call + 100, 2 * call}) {
                Outcome jdk = Outcome.of(() -> jdkIn.transferTo(position, call, jdkLoop.near()));
                Outcome zc = Outcome.of(() -> provider().transfer(zcIn, position, call, zcLoop.near()));
                jdk.expect(zc, "at " + position + " after the file shrank below the range seen before");
            }
            Files.write(zcFile, new byte[size], APPEND);
            Files.write(jdkFile, new byte[size], APPEND);
            Outcome jdk = Outcome.of(() -> jdkIn.transferTo(call, Long.MAX_VALUE, jdkLoop.near()));
            Outcome zc = Outcome.of(() -> provider().transfer(zcIn, call, Long.MAX_VALUE, zcLoop.near()));
            jdk.expect(zc, "to the end after it grew again");
        }
    }

    @Test
    void selfCopyAfterTheFileShrankStopsAtItsSizeAtTheStart() throws Exception {
        int size = 64 * 1024;
        int cut = 16 * 1024;
        Path jdkFile = file(size);
        Path zcFile = file(size);
        try (FileChannel jdkIn = open(jdkFile, READ); FileChannel zcIn = open(zcFile, READ);
                FileChannel jdkOut = open(jdkFile, WRITE); FileChannel zcOut = open(zcFile, WRITE);
                Loopback loop = Loopback.open()) {
            provider().transfer(zcIn, 0, 100, loop.near());           // the provider has seen the whole file
            jdkOut.truncate(cut).position(cut);
            zcOut.truncate(cut).position(cut);
            Outcome jdk = Outcome.of(() -> jdkIn.transferTo(0, size, jdkOut));
            Outcome zc = Outcome.of(() -> provider().transfer(zcIn, 0, size, zcOut));
            jdk.expect(zc, "a copy into the same file after it shrank");
        }
        assertEquals(Files.size(jdkFile), Files.size(zcFile));
        assertArrayEquals(Files.readAllBytes(jdkFile), Files.readAllBytes(zcFile));
    }

    @Test
    void anUnconnectedSocketAfterTheFileShrankBelowThePositionGetsNothing() throws Exception {
        Path jdkFile = file(64 * 1024);
        Path zcFile = file(64 * 1024);
        try (FileChannel jdkIn = open(jdkFile, READ, WRITE); FileChannel zcIn = open(zcFile, READ, WRITE);
                Loopback loop = Loopback.open(); SocketChannel unconnected = SocketChannel.open()) {
            provider().transfer(zcIn, 0, 100, loop.near());           // the provider has seen the whole file
            jdkIn.truncate(100);
            zcIn.truncate(100);
            Outcome jdk = Outcome.of(() -> jdkIn.transferTo(1000, 100, unconnected));
            Outcome zc = Outcome.of(() -> provider().transfer(zcIn, 1000, 100, unconnected));
            jdk.expect(zc, "a position beyond the new size, into an unconnected socket");
        }
    }

    @Test
    void aPipeAfterTheFileShrankBelowThePositionGetsNothing() throws Exception {
        Path jdkFile = file(64 * 1024);
        Path zcFile = file(64 * 1024);
        Pipe jdkClosed = Pipe.open();
        Pipe zcClosed = Pipe.open();
        Pipe jdkFull = Pipe.open();
        Pipe zcFull = Pipe.open();
        try (FileChannel jdkIn = open(jdkFile, READ, WRITE); FileChannel zcIn = open(zcFile, READ, WRITE);
                Loopback loop = Loopback.open();
                Pipe.SinkChannel jdkNoReader = jdkClosed.sink(); Pipe.SinkChannel zcNoReader = zcClosed.sink();
                Pipe.SinkChannel jdkFullSink = jdkFull.sink(); Pipe.SinkChannel zcFullSink = zcFull.sink();
                Pipe.SourceChannel jdkFullSource = jdkFull.source();
                Pipe.SourceChannel zcFullSource = zcFull.source()) {
            jdkClosed.source().close();
            zcClosed.source().close();
            fill(jdkFullSink);
            fill(zcFullSink);
            provider().transfer(zcIn, 0, 100, loop.near());           // the provider has seen the whole file
            jdkIn.truncate(100);
            zcIn.truncate(100);
            Outcome jdk = Outcome.of(() -> jdkIn.transferTo(1000, 100, jdkNoReader));
            Outcome zc = Outcome.of(() -> provider().transfer(zcIn, 1000, 100, zcNoReader));
            jdk.expect(zc, "a position beyond the new size, into a pipe whose reader is closed");
            jdk = Outcome.of(() -> jdkIn.transferTo(1000, 100, jdkFullSink));
            zc = Outcome.of(() -> provider().transfer(zcIn, 1000, 100, zcFullSink));
            jdk.expect(zc, "a position beyond the new size, into a full blocking pipe (no wait for a reader)");
        }
    }

    /** Fills a pipe until a write would block, and leaves it blocking. */
    private static void fill(Pipe.SinkChannel sink) throws IOException {
        sink.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        while (sink.write(chunk.clear()) > 0) {
            // until the pipe is full
        }
        sink.configureBlocking(true);
    }

    // ---- positions beyond any file -------------------------------------------------------------------

    @Test
    void transferToFromSixteenTebibytesReturnsZero() throws Exception {
        Path source = file(10);
        try (FileChannel in = open(source, READ); Loopback loop = Loopback.open()) {
            Outcome jdk = Outcome.of(() -> in.transferTo(SIXTEEN_TIB, 10, loop.near()));
            Outcome zc = Outcome.of(() -> provider().transfer(in, SIXTEEN_TIB, 10, loop.near()));
            jdk.expect(zc, "to a socket");
        }
        Path appended = file(0);
        try (FileChannel in = open(source, READ); FileChannel out = open(appended, WRITE, APPEND)) {
            Outcome jdk = Outcome.of(() -> in.transferTo(SIXTEEN_TIB, 10, out));
            Outcome zc = Outcome.of(() -> provider().transfer(in, SIXTEEN_TIB, 10, out));
            jdk.expect(zc, "to an APPEND file");
        }
        assertEquals(0, Files.size(appended));
    }

    // ---- the order of the checks ---------------------------------------------------------------------

    @Test
    void transferFromChecksInTheRunningJdksOrder() throws Exception {
        assertEquals(36, checksInOrder(new long[] {-1, 0, 100},
                (in, out, position, count) -> out.transferFrom(in, position, count),
                (in, out, position, count) -> provider().transfer(in, out, position, count)));
    }

    @Test
    void transferToChecksInTheRunningJdksOrder() throws Exception {
        assertEquals(48, checksInOrder(new long[] {-1, 0, 10, 100},
                (in, out, position, count) -> in.transferTo(position, count, out),
                (in, out, position, count) -> provider().transfer(in, position, count, out)));
    }

    /** A transfer between two file channels with a position and a count. */
    @FunctionalInterface
    private interface Positioned {
        long run(FileChannel in, FileChannel out, long position, long count) throws Exception;
    }

    /**
     * Runs both calls over every mix of a readable or not source, a writable or not target, the
     * positions and the counts -1, 0 and 10, and compares outcomes and target files.
     */
    private int checksInOrder(long[] positions, Positioned jdkCall, Positioned zcCall) throws Exception {
        int cases = 0;
        for (boolean readable : new boolean[] {true, false}) {
            for (boolean writable : new boolean[] {true, false}) {
                for (long position : positions) {
                    for (long count : new long[] {-1, 0, 10}) {
                        Path source = file(10);
                        Path jdkTarget = file(10);
                        Path zcTarget = file(10);
                        Outcome jdk = intoFile(source, jdkTarget, readable, writable,
                                (in, out) -> jdkCall.run(in, out, position, count));
                        Outcome zc = intoFile(source, zcTarget, readable, writable,
                                (in, out) -> zcCall.run(in, out, position, count));
                        String what = "readable " + readable + ", writable " + writable + ", position " + position
                                + ", count " + count;
                        jdk.expect(zc, what);
                        assertArrayEquals(Files.readAllBytes(jdkTarget), Files.readAllBytes(zcTarget), what);
                        cases++;
                    }
                }
            }
        }
        return cases;
    }

    /** A transfer between two file channels. */
    @FunctionalInterface
    private interface FileCall {
        long run(FileChannel in, FileChannel out) throws Exception;
    }

    private static Outcome intoFile(Path source, Path target, boolean readable, boolean writable, FileCall call)
            throws IOException {
        try (FileChannel in = open(source, readable ? READ : WRITE);
                FileChannel out = open(target, writable ? WRITE : READ)) {
            return Outcome.of(() -> call.run(in, out));
        }
    }

    // ---- sockets: not connected, input shut down -----------------------------------------------------

    @Test
    void unconnectedSocketsThrowNotYetConnected() throws Exception {
        Path source = file(10);
        try (FileChannel in = open(source, READ); SocketChannel a = SocketChannel.open();
                SocketChannel b = SocketChannel.open()) {
            Outcome jdk = Outcome.of(() -> in.transferTo(0, 10, a));
            Outcome zc = Outcome.of(() -> provider().transfer(in, 0, 10, b));
            jdk.expect(zc, "transferTo an unconnected socket");
        }
        Path jdkTarget = file(0);
        Path zcTarget = file(0);
        try (FileChannel jdkOut = open(jdkTarget, WRITE); FileChannel zcOut = open(zcTarget, WRITE);
                SocketChannel a = SocketChannel.open(); SocketChannel b = SocketChannel.open()) {
            Outcome jdk = Outcome.of(() -> jdkOut.transferFrom(a, 0, 10));
            Outcome zc = Outcome.of(() -> provider().transfer(b, zcOut, 0, 10));
            jdk.expect(zc, "transferFrom an unconnected socket");
            Outcome stream = Outcome.of(() -> provider().transfer(b, zcOut));
            jdk.expect(stream, "transfer to the end from an unconnected socket");
        }
    }

    /**
     * A socket that cannot send, at the edges where nothing is left to move: at the file's end, a count of
     * 0, beyond the end; blocking and non-blocking; not connected, or its output shut down.
     */
    @Test
    void aSocketThatCannotSendAnswersAsTheJdkWhereNothingMoves() throws Exception {
        Path source = file(4096);
        long[][] calls = {{4096, 100}, {0, 0}, {4096, 0}, {4097, 10}, {0, 100}};
        for (boolean blocking : new boolean[] {true, false}) {
            for (long[] call : calls) {
                String what = "transferTo(" + call[0] + ", " + call[1] + ") of a 4096-byte file, "
                        + (blocking ? "blocking" : "non-blocking");
                try (FileChannel in = open(source, READ); SocketChannel a = SocketChannel.open();
                        SocketChannel b = SocketChannel.open()) {
                    a.configureBlocking(blocking);
                    b.configureBlocking(blocking);
                    Outcome jdk = Outcome.of(() -> in.transferTo(call[0], call[1], a));
                    Outcome zc = Outcome.of(() -> provider().transfer(in, call[0], call[1], b));
                    jdk.expect(zc, what + " into an unconnected socket");
                }
                try (FileChannel in = open(source, READ); Loopback jdkLoop = Loopback.open();
                        Loopback zcLoop = Loopback.open()) {
                    provider().transfer(in, 0, 100, zcLoop.near());     // the provider has seen the size
                    in.transferTo(0, 100, jdkLoop.near());
                    jdkLoop.near().shutdownOutput();
                    zcLoop.near().shutdownOutput();
                    jdkLoop.near().configureBlocking(blocking);
                    zcLoop.near().configureBlocking(blocking);
                    Outcome jdk = Outcome.of(() -> in.transferTo(call[0], call[1], jdkLoop.near()));
                    Outcome zc = Outcome.of(() -> provider().transfer(in, call[0], call[1], zcLoop.near()));
                    jdk.expect(zc, what + " into a socket whose output is shut down");
                }
            }
        }
    }

    /**
     * A socket that cannot send, where the file gives nothing to send: an empty file (from JDK 21 the JDK
     * reads it before it writes), and a file that shrank below the position after the provider saw its
     * larger size.
     */
    @Test
    void aSocketThatCannotSendWhereTheFileGivesNothingAnswersAsTheJdk() throws Exception {
        Path empty = file(0);
        for (boolean connected : new boolean[] {true, false}) {
            try (FileChannel jdkIn = open(empty, READ); FileChannel zcIn = open(empty, READ);
                    Loopback jdkLoop = Loopback.open(); Loopback zcLoop = Loopback.open();
                    SocketChannel jdkUnconnected = SocketChannel.open();
                    SocketChannel zcUnconnected = SocketChannel.open()) {
                SocketChannel jdkTarget = connected ? jdkLoop.near() : jdkUnconnected;
                SocketChannel zcTarget = connected ? zcLoop.near() : zcUnconnected;
                if (connected) {
                    jdkTarget.shutdownOutput();
                    zcTarget.shutdownOutput();
                }
                Outcome jdk = Outcome.of(() -> jdkIn.transferTo(0, Long.MAX_VALUE, jdkTarget));
                Outcome zc = Outcome.of(() -> provider().transfer(zcIn, 0, Long.MAX_VALUE, zcTarget));
                jdk.expect(zc, "an empty file into a socket " + (connected ? "whose output is shut down"
                        : "not connected"));
            }
        }
        Path shrinking = file(4096);
        try (FileChannel in = open(shrinking, READ); Loopback jdkLoop = Loopback.open();
                Loopback zcLoop = Loopback.open()) {
            provider().transfer(in, 0, 4096, zcLoop.near());        // the provider has seen the size
            in.transferTo(0, 4096, jdkLoop.near());
            try (FileChannel writer = open(shrinking, WRITE)) {
                writer.truncate(100);
            }
            jdkLoop.near().shutdownOutput();
            zcLoop.near().shutdownOutput();
            Outcome jdk = Outcome.of(() -> in.transferTo(1000, 100, jdkLoop.near()));
            Outcome zc = Outcome.of(() -> provider().transfer(in, 1000, 100, zcLoop.near()));
            jdk.expect(zc, "a file that shrank below the position, into a socket whose output is shut down");
        }
    }

    /** A closed source comes first: its closed channel, not the shut-down socket's answer. */
    @Test
    void aClosedSourceIntoASocketWhoseOutputIsShutDownIsAClosedChannel() throws Exception {
        Path source = file(4096);
        for (boolean blocking : new boolean[] {true, false}) {
            try (FileChannel jdkIn = open(source, READ); FileChannel zcIn = open(source, READ);
                    Loopback jdkLoop = Loopback.open(); Loopback zcLoop = Loopback.open()) {
                jdkIn.close();
                zcIn.close();
                jdkLoop.near().shutdownOutput();
                zcLoop.near().shutdownOutput();
                jdkLoop.near().configureBlocking(blocking);
                zcLoop.near().configureBlocking(blocking);
                Outcome jdk = Outcome.of(() -> jdkIn.transferTo(0, 10, jdkLoop.near()));
                Outcome zc = Outcome.of(() -> provider().transfer(zcIn, 0, 10, zcLoop.near()));
                jdk.expect(zc, "a closed file into a socket whose output is shut down, "
                        + (blocking ? "blocking" : "non-blocking"));
            }
        }
    }

    @Test
    void transferFromASocketAfterShutdownInputReturnsZero() throws Exception {
        Path jdkTarget = file(0);
        Path zcTarget = file(0);
        Outcome jdk = fromSocket(10, socket -> {
            socket.shutdownInput();
            try (FileChannel out = open(jdkTarget, WRITE)) {
                return out.transferFrom(socket, 0, 10);
            }
        });
        Outcome zc = fromSocket(10, socket -> {
            socket.shutdownInput();
            try (FileChannel out = open(zcTarget, WRITE)) {
                return provider().transfer(socket, out, 0, 10);
            }
        });
        jdk.expect(zc, "after shutdownInput");
        assertEquals(Files.size(jdkTarget), Files.size(zcTarget));
    }

    /** A call that reads a connected socket. */
    @FunctionalInterface
    private interface SocketCall {
        long run(SocketChannel socket) throws Exception;
    }

    /** Runs the call on a socket whose peer has written {@code bytes} bytes and shut down its output. */
    private static Outcome fromSocket(int bytes, SocketCall call) throws Exception {
        try (Loopback loop = Loopback.open()) {
            loop.writeOnPeer(1, bytes).get();
            return Outcome.of(() -> call.run(loop.near()));
        }
    }

    /**
     * Another thread shuts the socket's output down while a transfer from a file waits for a peer that
     * does not read: the running JDK's exception (from JDK 21 an asynchronous close, before the write's
     * "Broken pipe"; the JDK's call that was waiting returns what it sent, the next one throws), and the
     * provider's tells exactly what the peer then receives.
     */
    @Test
    void aShutdownOfTheOutputDuringATransferAnswersAsTheJdk() throws Exception {
        Path source = file(32 << 20);
        Outcome jdk = shutDownWhileWaiting(source, (in, socket) -> {
            long total = 0;
            while (total < 32 << 20) {          // a blocking transfer: the JDK's calls until the count
                total += in.transferTo(total, (32 << 20) - total, socket);
            }
            return total;
        }, null);
        long[] received = new long[1];
        Outcome zc = shutDownWhileWaiting(source, (in, socket) -> provider().transfer(in, 0, 32 << 20, socket),
                received);
        jdk.expect(zc, "shutdownOutput() while a transfer into the socket waits");
        assertEquals(received[0], assertInstanceOf(PartialTransfer.class, zc.failure()).bytesTransferred(),
                "the count is what the peer received");
    }

    /** A transfer from a file into a socket. */
    @FunctionalInterface
    private interface FileToSocket {
        long run(FileChannel in, SocketChannel socket) throws Exception;
    }

    /**
     * Runs the transfer on its own thread; once bytes reach the peer, which does not read, shuts the
     * socket's output down and returns what the transfer did; {@code received[0]}, if given, gets what the
     * peer then reads to its end.
     */
    private static Outcome shutDownWhileWaiting(Path source, FileToSocket call, long[] received) throws Exception {
        try (FileChannel in = open(source, READ); Loopback loop = Loopback.open()) {
            loop.near().setOption(java.net.StandardSocketOptions.SO_SNDBUF, 64 * 1024);   // far below 32 MiB,
            loop.far().setOption(java.net.StandardSocketOptions.SO_RCVBUF, 64 * 1024);    // whatever tcp_wmem says
            java.util.concurrent.CompletableFuture<Outcome> done = new java.util.concurrent.CompletableFuture<>();
            Thread transfer = new Thread(() -> done.complete(Outcome.of(() -> call.run(in, loop.near()))),
                    "stalled-transfer");
            transfer.start();
            loop.awaitBytesAtFar();
            loop.near().shutdownOutput();
            Outcome outcome = done.get(10, java.util.concurrent.TimeUnit.SECONDS);
            if (received != null) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                for (int n; (n = loop.far().read(buffer.clear())) >= 0; ) {
                    received[0] += n;
                }
            }
            transfer.join();
            return outcome;
        }
    }

    // ---- a transfer blocked on a quiet socket ends on a close of either channel or an interrupt -------

    /** How a blocked transfer is stopped. */
    protected enum Stop {
        /** Another thread closes the file. */
        CLOSE_FILE,
        /** Another thread closes the socket. */
        CLOSE_SOCKET,
        /** Another thread interrupts the transferring thread. */
        INTERRUPT
    }

    /**
     * The longest a stopped transfer may take to end. A wait on a socket is checked every 50 ms (measured:
     * 50 to 56 ms for a close of the file, under 5 ms for the others); the bound only tells an end from a
     * hang on a build machine whose threads may wait seconds for a core.
     */
    private static final long STOP_MILLIS = 3000;

    /** The sender's bytes before it falls quiet. */
    private static final int SENT = 100_000;

    @Test
    void closeOfTheFileEndsATransferFromAQuietSocket() throws Exception {
        stopsQuietTransfer(Stop.CLOSE_FILE);
    }

    @Test
    void closeOfTheSocketEndsATransferFromAQuietSocket() throws Exception {
        stopsQuietTransfer(Stop.CLOSE_SOCKET);
    }

    @Test
    void interruptEndsATransferFromAQuietSocket() throws Exception {
        stopsQuietTransfer(Stop.INTERRUPT);
    }

    /**
     * Sends {@link #SENT} bytes and falls quiet; once they are in the file, stops the transfer and expects
     * it to end quickly with the JDK's exception for the stop, telling exactly the bytes in the file.
     */
    private void stopsQuietTransfer(Stop stop) throws Exception {
        Path target = file(0);
        try (Loopback loop = Loopback.open(); FileChannel out = open(target, WRITE)) {
            ByteBuffer bytes = ByteBuffer.allocate(SENT);
            while (bytes.hasRemaining()) {
                loop.far().write(bytes);
            }
            java.util.concurrent.CompletableFuture<Long> done = new java.util.concurrent.CompletableFuture<>();
            Thread transfer = new Thread(() -> {
                try {
                    done.complete(provider().transfer(loop.near(), out, 0, 10L * SENT));
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "quiet-transfer");
            transfer.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (Files.size(target) < SENT && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertEquals(SENT, Files.size(target), "the sent bytes reached the file");
            long start = System.nanoTime();
            switch (stop) {
                case CLOSE_FILE -> out.close();
                case CLOSE_SOCKET -> loop.near().close();
                case INTERRUPT -> transfer.interrupt();
            }
            Throwable failure;
            try {
                long n = done.get(5, java.util.concurrent.TimeUnit.SECONDS);
                throw new AssertionError(stop + ": returned " + n);
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis <= STOP_MILLIS, stop + " ended the transfer after " + millis + " ms");
            Class<?> expected = stop == Stop.INTERRUPT ? ClosedByInterruptException.class
                    : java.nio.channels.AsynchronousCloseException.class;
            assertInstanceOf(expected, failure, stop.toString());
            assertEquals(SENT, assertInstanceOf(PartialTransfer.class, failure).bytesTransferred(), stop.toString());
            if (stop == Stop.INTERRUPT) {
                assertFalse(out.isOpen() || loop.near().isOpen(), "an interrupt closes both channels");
            }
            transfer.join();
        }
    }

    // ---- an interrupt pending at the start ------------------------------------------------------------

    @Test
    void interruptPendingAtTheStartClosesBothAndTellsTheCount() throws Exception {
        Path target = file(0);
        try (Loopback loop = Loopback.open(); FileChannel out = open(target, WRITE)) {
            loop.writeOnPeer(1, 10).get();
            Exception e = interrupted(() -> provider().transfer(loop.near(), out, 0, 10));
            assertInstanceOf(ClosedByInterruptException.class, e);
            assertEquals(0, assertInstanceOf(PartialTransfer.class, e).bytesTransferred());
            assertFalse(loop.near().isOpen(), "socket closed");
            assertFalse(out.isOpen(), "file closed");
        }
        Path source = file(10);
        try (Loopback loop = Loopback.open(); FileChannel in = open(source, READ)) {
            Exception e = interrupted(() -> provider().transfer(in, 0, 10, loop.near()));
            assertInstanceOf(ClosedByInterruptException.class, e);
            assertEquals(0, assertInstanceOf(PartialTransfer.class, e).bytesTransferred());
            assertFalse(loop.near().isOpen(), "socket closed");
            assertFalse(in.isOpen(), "file closed");
        }
    }

    private static Exception interrupted(Call call) {
        Thread.currentThread().interrupt();
        try {
            call.run();
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt status stays set");
        }
    }
}
