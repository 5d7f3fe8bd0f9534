package dev.zerocopy.bench;

import dev.zerocopy.bench.Variant.Kind;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * S5, a TCP relay (client → proxy → server): the variant is the proxy. It connects to a loopback source
 * that sends the source file and to a loopback sink, sends the source its go byte, and copies until end of
 * stream; the timer runs from just after both connections are made until the copy returns.
 */
final class Relay {

    /** A proxy's copy loop. */
    @FunctionalInterface
    private interface Copy {
        long copy(SocketChannel from, SocketChannel to) throws Exception;
    }

    private Relay() {
    }

    /**
     * Builds S5.
     *
     * @param env the environment
     * @return the scenario
     */
    static Scenario create(BenchEnv env) {
        List<Variant> variants = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        variants.add(java(env, Kind.ZEROCOPY, "zerocopy " + env.zc().name(),
                (from, to) -> env.zc().transfer(from, to)));
        variants.add(java(env, Kind.JDK, "JDK stream transferTo", JdkCopies::streams));
        variants.add(java(env, Kind.BUFFER, "256 KiB direct buffer",
                (from, to) -> env.copies().bufferRelay(from, to)));
        long size = env.options().size();
        env.c().ifPresentOrElse(c -> variants.add(new Variant(Kind.C, "C splice relay", true,
                verify -> env.withRelay(verify, size, true,
                        (from, to) -> c.run("relay", from.getPort(), to.getPort())))),
                () -> notes.add("C splice relay skipped: no gcc"));
        return new Scenario("S5", "socket→socket relay", false, variants, notes);
    }

    private static Variant java(BenchEnv env, Kind kind, String label, Copy copy) {
        long size = env.options().size();
        return new Variant(kind, label, false, verify -> env.withRelay(verify, size, false, (source, sink) -> {
            try (SocketChannel from = SocketChannel.open(source); SocketChannel to = SocketChannel.open(sink)) {
                Stopwatch watch = Stopwatch.start();
                from.write(ByteBuffer.wrap(new byte[] {'g'}));
                long moved = copy.copy(from, to);
                Measurement m = watch.stop(moved, 1);
                to.shutdownOutput();
                return m;
            }
        }));
    }
}
