package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.FdAccess;
import dev.zerocopy.spi.PseudoRandomStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zerocopy demo}: the large network copy, live. Writes a deterministic pseudo-random file, sends
 * it over loopback TCP with {@link ZeroCopyTransfer} into another file, verifies it byte for byte, and
 * does the same with the JDK's own {@code transferTo}/{@code transferFrom}; prints the provider, the fd
 * access mode, the mechanism each side used (from the SPI's JFR event), throughput and CPU time of both.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Copy a file over loopback TCP with zerocopy and with the JDK, side by side.",
    "Writes a pseudo-random file, sends it over loopback TCP with ZeroCopyTransfer and with the JDK's own",
    "transferTo/transferFrom, verifies both copies byte for byte, and prints the mechanism each side used,",
    "throughput and CPU time. The temporary files are deleted."
})
public final class DemoCommand implements Callable<Integer> {

    /** Bytes of the unmeasured round before each measured one. */
    static final long WARM_UP_BYTES = 8L << 20;

    private static final String SENDER_DIRECTION = "file->socket";
    private static final String RECEIVER_DIRECTION = "socket->file";

    @Spec
    private CommandSpec spec;

    @Option(names = "--size", paramLabel = "N", defaultValue = "256M", converter = SizeConverter.class,
            description = "Bytes to send, with K/M/G suffixes (default: ${DEFAULT-VALUE}).")
    private long size;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the pseudo-random data (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to create the temporary files (default: the JVM's temporary directory).")
    private Path parent;

    /** Picocli instantiates the command. */
    public DemoCommand() {
    }

    /** The outcome of one side-by-side row. */
    private record Row(String label, LoopbackRound.Result result, Map<String, MechanismLog.Side> sides,
            long mismatch) {
    }

    @Override
    public Integer call() throws IOException {
        if (size <= 0) {
            throw new ParameterException(spec.commandLine(), "--size must be positive");
        }
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        Path dir = createWorkDir();
        Thread cleanup = new Thread(() -> deleteQuietly(dir), "zerocopy-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return run(zc, dir, System.out);
        } finally {
            deleteQuietly(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private int run(ZeroCopyTransfer zc, Path dir, PrintStream out) throws IOException {
        out.printf("zerocopy demo: %s of pseudo-random bytes (seed %d) over TCP loopback%n", Units.bytes(size), seed);
        out.printf("  provider   %s (%s)%n", zc.name(), zc.availability().reason());
        out.printf("  fd access  %s%n", FdAccess.mode());
        Path source = dir.resolve("source.bin");
        long start = System.nanoTime();
        try {
            PseudoRandomStream.writeFile(source, seed, size);
        } catch (IOException e) {
            throw new CliFailure("cannot write the demo data " + source, e);
        }
        out.printf("  data       %s written in %s%n%n", source, Units.seconds(System.nanoTime() - start));

        Row ours = round("zerocopy (" + zc.name() + ")", dir, source,
                (file, n, socket) -> zc.transfer(file, 0, n, socket),
                (socket, file, n) -> zc.transfer(socket, file, 0, n));
        Row jdk = agentActive() ? forkedJdkRound(dir, source)
                : round("JDK transferTo/From", dir, source, JdkBaseline::send, JdkBaseline::receive);

        out.printf("  %-22s %-18s %-18s %10s %12s %10s %10s%n",
                "", "sender", "receiver", "time", "throughput", "CPU send", "CPU recv");
        print(out, ours, false);
        print(out, jdk, true);
        out.println();
        boolean ok = verdict(out, ours) & verdict(out, jdk);
        printFallbacks(out, ours);
        if (jdk.sides() != null && !jdk.sides().isEmpty()) {
            out.println("  note: the JDK row went through zerocopy too (an agent routes FileChannel transfers)");
        }
        if (agentActive()) {
            out.println("  the JDK row ran in a child JVM without the zerocopy agent, which routes FileChannel");
            out.println("  transfers in this one (-javaagent:zerocopy.jar)");
        }
        if (!ok) {
            throw new CliFailure("verification failed: a copy differs from the data sent (see above)");
        }
        return 0;
    }

    /** The JDK's own methods, in a child JVM without the agent that routes them in this one. */
    private Row forkedJdkRound(Path dir, Path source) throws IOException {
        Path target = dir.resolve("received.bin");
        LoopbackRound.Result result = JdkBaseline.runForked(source, size, target, dir.resolve("warm-up.bin"));
        long mismatch = PseudoRandomStream.firstMismatch(target, seed, size);
        Files.delete(target);
        return new Row("JDK transferTo/From", result, Map.of(), mismatch);
    }

    private static boolean agentActive() {
        try {
            return dev.zerocopy.nio.ZeroCopyAgent.isActive();
        } catch (LinkageError e) {
            return false;
        }
    }

    private Row round(String label, Path dir, Path source, LoopbackRound.Sender sender,
            LoopbackRound.Receiver receiver) throws IOException {
        Path target = dir.resolve("received.bin");
        try {
            // Unmeasured: loads the provider's native bindings and warms the code paths.
            LoopbackRound.run(source, Math.min(size, WARM_UP_BYTES), dir.resolve("warm-up.bin"), sender, receiver);
            Files.deleteIfExists(dir.resolve("warm-up.bin"));
        } catch (IOException e) {
            throw new CliFailure(label + ": the loopback copy failed", e);
        }
        MechanismLog log = MechanismLog.start();
        LoopbackRound.Result result;
        try {
            result = LoopbackRound.run(source, size, target, sender, receiver);
        } catch (IOException e) {
            if (log != null) {
                log.stop();
            }
            throw new CliFailure(label + ": the loopback copy failed", e);
        }
        Map<String, MechanismLog.Side> sides = log != null ? log.stop() : null;
        long mismatch = PseudoRandomStream.firstMismatch(target, seed, size);
        Files.delete(target);
        return new Row(label, result, sides, mismatch);
    }

    private void print(PrintStream out, Row row, boolean jdk) {
        LoopbackRound.Result r = row.result();
        String sender = mechanism(row, SENDER_DIRECTION, jdk ? "transferTo" : "?");
        String receiver = mechanism(row, RECEIVER_DIRECTION, jdk ? "transferFrom" : "?");
        out.printf("  %-22s %-18s %-18s %10s %12s %10s %10s%n", row.label(), sender, receiver,
                Units.seconds(r.nanos()), Units.gibPerSecond(r.received(), r.nanos()), cpu(r.senderCpu()),
                cpu(r.receiverCpu()));
    }

    private static String mechanism(Row row, String direction, String otherwise) {
        if (row.sides() == null) {
            return otherwise + " (no JFR)";
        }
        MechanismLog.Side side = row.sides().get(direction);
        return side == null ? otherwise : side.mechanisms();
    }

    private boolean verdict(PrintStream out, Row row) {
        LoopbackRound.Result r = row.result();
        if (row.mismatch() < 0 && r.received() == size) {
            out.printf("  verified %d bytes: %s copy identical to the data sent%n", r.received(), row.label());
            return true;
        }
        out.printf("  MISMATCH: %s copy differs from the data sent at byte %d (sent %d, received %d of %d)%n",
                row.label(), row.mismatch(), r.sent(), r.received(), size);
        return false;
    }

    private static void printFallbacks(PrintStream out, Row row) {
        if (row.sides() == null) {
            return;
        }
        for (Map.Entry<String, MechanismLog.Side> side : row.sides().entrySet()) {
            String reasons = side.getValue().fallbackReasons();
            if (!reasons.isEmpty()) {
                out.printf("  %s fell back (%s): %s%n", side.getKey(), side.getValue().mechanisms(), reasons);
            }
        }
    }

    private static String cpu(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private Path createWorkDir() throws IOException {
        Path base = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            long usable = Files.getFileStore(base).getUsableSpace();
            if (usable < 2 * size) {
                throw new CliFailure("not enough space in " + base + " for the demo: needs " + Units.bytes(2 * size)
                        + ", has " + Units.bytes(usable) + " (use --dir or a smaller --size)");
            }
            return Files.createTempDirectory(base, "zerocopy-demo-");
        } catch (CliFailure e) {
            throw e;
        } catch (IOException e) {
            throw new CliFailure("cannot create a temporary directory in " + base, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // nothing left to delete, or nothing we can do about it
        }
    }
}
