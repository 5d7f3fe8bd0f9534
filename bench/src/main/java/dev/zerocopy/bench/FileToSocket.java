package dev.zerocopy.bench;

import dev.zerocopy.JdkTransfers;
import dev.zerocopy.bench.Variant.Kind;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * S1 (file to socket, one bulk copy) and S4 (16 KiB file-to-socket calls, one after another, cycling
 * through the source file): the sender is timed from just after connecting until its last call returns.
 */
final class FileToSocket {

    /** One call's copy in Java. */
    @FunctionalInterface
    private interface Copy {
        long copy(FileChannel source, long position, long count, SocketChannel target) throws Exception;
    }

    private FileToSocket() {
    }

    /**
     * Builds S1.
     *
     * @param env the environment
     * @return the scenario
     */
    static Scenario bulk(BenchEnv env) {
        long size = env.options().size();
        return build(env, "S1", "file→socket", false, size, 1);
    }

    /**
     * Builds S4.
     *
     * @param env the environment
     * @return the scenario
     */
    static Scenario calls(BenchEnv env) {
        int calls = env.options().calls();
        String title = "16 KiB × " + calls + " file→socket";
        return build(env, "S4", title, true, Options.CALL_BYTES, calls);
    }

    /**
     * Builds S4n: S4's calls on a non-blocking socket, as Tomcat and Netty make them: a call that moves
     * less than 16 KiB is continued after a selector reports the socket writable. Java variants only.
     *
     * @param env the environment
     * @return the scenario
     */
    static Scenario nonBlockingCalls(BenchEnv env) {
        int calls = env.options().calls();
        long callBytes = Options.CALL_BYTES;
        List<Variant> variants = List.of(
                nonBlocking(env, Kind.ZEROCOPY, "zerocopy " + env.zc().name(), callBytes, calls,
                        (in, pos, n, out) -> env.zc().transfer(in, pos, n, out)),
                nonBlocking(env, Kind.JDK, "JDK transferTo", callBytes, calls, JdkTransfers::transferTo),
                nonBlocking(env, Kind.BUFFER, "256 KiB direct buffer", callBytes, calls,
                        (in, pos, n, out) -> env.copies().bufferFromFile(in, pos, n, out)));
        return new Scenario("S4n", "16 KiB × " + calls + " file→non-blocking socket", true, variants,
                List.of("S4n: each call is completed after a selector wait when the socket's buffer is full"));
    }

    private static Scenario build(BenchEnv env, String id, String title, boolean perCall, long callBytes,
            int calls) {
        List<Variant> variants = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        variants.add(java(env, Kind.ZEROCOPY, "zerocopy " + env.zc().name(), callBytes, calls,
                (in, pos, n, out) -> env.zc().transfer(in, pos, n, out)));
        variants.add(java(env, Kind.JDK, "JDK transferTo", callBytes, calls, JdkTransfers::transferTo));
        variants.add(java(env, Kind.BUFFER, "256 KiB direct buffer", callBytes, calls,
                (in, pos, n, out) -> env.copies().bufferFromFile(in, pos, n, out)));
        env.c().ifPresentOrElse(c -> variants.add(new Variant(Kind.C, "C sendfile loop", true,
                verify -> {
                    int count = callsFor(env, verify, callBytes, calls);
                    return env.withSink(verify, callBytes * count, true, peer -> perCall
                            ? c.run("sendcalls", peer.getPort(), env.source(), region(env, callBytes), callBytes,
                                    count)
                            : c.run("sendfile", peer.getPort(), env.source(), callBytes));
                })), () -> notes.add("C sendfile loop skipped: no gcc"));
        return new Scenario(id, title, perCall, variants, notes);
    }

    private static Variant java(BenchEnv env, Kind kind, String label, long callBytes, int calls, Copy copy) {
        return new Variant(kind, label, false, verify -> {
            int count = callsFor(env, verify, callBytes, calls);
            long slots = region(env, callBytes) / callBytes;
            return env.withSink(verify, callBytes * count, false, peer -> {
                try (FileChannel in = env.openSource(); SocketChannel out = SocketChannel.open(peer)) {
                    Stopwatch watch = Stopwatch.start();
                    long moved = 0;
                    for (int i = 0; i < count; i++) {
                        moved += copy.copy(in, (i % slots) * callBytes, callBytes, out);
                    }
                    return watch.stop(moved, count);
                }
            });
        });
    }

    private static Variant nonBlocking(BenchEnv env, Kind kind, String label, long callBytes, int calls,
            Copy copy) {
        return new Variant(kind, label, false, verify -> {
            int count = callsFor(env, verify, callBytes, calls);
            long slots = region(env, callBytes) / callBytes;
            return env.withSink(verify, callBytes * count, false, peer -> {
                try (FileChannel in = env.openSource(); SocketChannel out = SocketChannel.open(peer);
                        Selector writable = Selector.open()) {
                    out.configureBlocking(false);
                    out.register(writable, SelectionKey.OP_WRITE);
                    Stopwatch watch = Stopwatch.start();
                    long moved = 0;
                    for (int i = 0; i < count; i++) {
                        long position = (i % slots) * callBytes;
                        long done = 0;
                        while (done < callBytes) {
                            long n = copy.copy(in, position + done, callBytes - done, out);
                            done += n;
                            if (n == 0) {
                                writable.select();
                                writable.selectedKeys().clear();
                            }
                        }
                        moved += done;
                    }
                    return watch.stop(moved, count);
                }
            });
        });
    }

    /** The file bytes the calls cycle through: the source file rounded down to whole calls. */
    private static long region(BenchEnv env, long callBytes) {
        return env.options().size() / callBytes * callBytes;
    }

    /** A verifying run must not wrap around the file, so that the sink sees one stretch of the stream. */
    private static int callsFor(BenchEnv env, boolean verify, long callBytes, int calls) {
        return verify ? (int) Math.min(calls, region(env, callBytes) / callBytes) : calls;
    }
}
