package dev.zerocopy.bench;

import dev.zerocopy.JdkTransfers;
import dev.zerocopy.bench.Variant.Kind;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * S2 (socket to file: a loopback source sends the source file, the variant writes it to an output file)
 * and S3 (file to file). Every variant writes the same output file, prepared the same way before each
 * run (see {@link BenchEnv#prepareOutput(Path, long)}) and truncated right before its timer starts.
 */
final class IntoFile {

    /** A copy into the output file at position 0. */
    @FunctionalInterface
    private interface Copy {
        long copy(ReadableByteChannel source, FileChannel target, long count) throws Exception;
    }

    private IntoFile() {
    }

    /**
     * Builds S2.
     *
     * @param env the environment
     * @return the scenario
     */
    static Scenario fromSocket(BenchEnv env) {
        Path out = env.scratch().resolve("s2.out");
        long size = env.options().size();
        List<Variant> variants = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        variants.add(socket(env, out, Kind.ZEROCOPY, "zerocopy " + env.zc().name(),
                (in, file, n) -> env.zc().transfer(in, file, 0, n)));
        variants.add(socket(env, out, Kind.JDK, "JDK transferFrom",
                (in, file, n) -> JdkTransfers.transferFrom(in, file, 0, n)));
        variants.add(socket(env, out, Kind.BUFFER, "256 KiB direct buffer",
                (in, file, n) -> env.copies().bufferToFile(in, file, 0, n)));
        env.c().ifPresentOrElse(c -> variants.add(new Variant(Kind.C, "C splice loop", true,
                verify -> checked(verify, out, size, env.withSource(size, true, peer -> {
                    BenchEnv.prepareOutput(out, size);
                    BenchEnv.truncate(out);
                    return c.run("splice", peer.getPort(), out, size);
                })))), () -> notes.add("C splice loop skipped: no gcc"));
        return new Scenario("S2", "socket→file", false, variants, notes);
    }

    /**
     * Builds S3.
     *
     * @param env the environment
     * @return the scenario
     */
    static Scenario fromFile(BenchEnv env) {
        Path out = env.scratch().resolve("s3.out");
        long size = env.options().size();
        List<Variant> variants = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        variants.add(file(env, out, Kind.ZEROCOPY, "zerocopy " + env.zc().name(),
                (in, file, n) -> env.zc().transfer((FileChannel) in, 0, n, file)));
        variants.add(file(env, out, Kind.JDK, "JDK transferTo",
                (in, file, n) -> JdkTransfers.transferTo((FileChannel) in, 0, n, file)));
        variants.add(file(env, out, Kind.BUFFER, "256 KiB direct buffer",
                (in, file, n) -> env.copies().bufferFromFile((FileChannel) in, 0, n, file)));
        env.c().ifPresentOrElse(c -> variants.add(new Variant(Kind.C, "C copy_file_range loop", true,
                verify -> {
                    BenchEnv.prepareOutput(out, size);
                    BenchEnv.truncate(out);
                    return checked(verify, out, size, c.run("cfr", env.source(), out, size));
                })), () -> notes.add("C copy_file_range loop skipped: no gcc"));
        return new Scenario("S3", "file→file", false, variants, notes);
    }

    private static Variant socket(BenchEnv env, Path out, Kind kind, String label, Copy copy) {
        long size = env.options().size();
        return new Variant(kind, label, false, verify -> checked(verify, out, size,
                env.withSource(size, false, peer -> {
                    BenchEnv.prepareOutput(out, size);
                    try (SocketChannel in = SocketChannel.open(peer);
                            FileChannel file = FileChannel.open(out, StandardOpenOption.WRITE)) {
                        file.truncate(0);
                        Stopwatch watch = Stopwatch.start();
                        in.write(java.nio.ByteBuffer.wrap(new byte[] {'g'}));
                        long moved = copy.copy(in, file, size);
                        return watch.stop(moved, 1);
                    }
                })));
    }

    private static Variant file(BenchEnv env, Path out, Kind kind, String label, Copy copy) {
        long size = env.options().size();
        return new Variant(kind, label, false, verify -> {
            BenchEnv.prepareOutput(out, size);
            try (FileChannel in = env.openSource();
                    FileChannel file = FileChannel.open(out, StandardOpenOption.WRITE)) {
                file.truncate(0);
                Stopwatch watch = Stopwatch.start();
                long moved = copy.copy(in, file, size);
                return checked(verify, out, size, watch.stop(moved, 1));
            }
        });
    }

    private static Measurement checked(boolean verify, Path out, long size, Measurement m) throws Exception {
        if (m.bytes() != size) {
            throw new java.io.IOException("moved " + m.bytes() + " of " + size + " bytes");
        }
        if (verify) {
            BenchEnv.verifyOutput(out, size);
        }
        return m;
    }
}
