package dev.zerocopy.bench;

import dev.zerocopy.ProviderStatus;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.bench.Harness.ScenarioResult;
import dev.zerocopy.spi.FdAccess;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Runs the whole side-by-side comparison and renders its report. */
public final class Bench {

    /**
     * A finished run.
     *
     * @param markdown the report
     * @param results  every scenario's results
     */
    public record Run(String markdown, List<ScenarioResult> results) {
    }

    /** Builds a scenario group. */
    @FunctionalInterface
    private interface Factory {
        List<Scenario> create(BenchEnv env) throws IOException;
    }

    /** The scenarios in the order they run, by the id {@code --only} selects them with. */
    private static final Map<String, Factory> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("S1", env -> List.of(FileToSocket.bulk(env)));
        SCENARIOS.put("S2", env -> List.of(IntoFile.fromSocket(env)));
        SCENARIOS.put("S3", env -> List.of(IntoFile.fromFile(env)));
        SCENARIOS.put("S4", env -> List.of(FileToSocket.calls(env), FileToSocket.nonBlockingCalls(env)));
        SCENARIOS.put("S5", env -> List.of(Relay.create(env)));
        SCENARIOS.put("S6", AgentRun::create);
    }

    private Bench() {
    }

    /**
     * Runs the scenarios the options select.
     *
     * @param options the options
     * @param log     where progress goes
     * @return the run
     * @throws IOException if the scratch directory or the source file cannot be made
     */
    public static Run run(Options options, PrintStream log) throws IOException {
        Path scratch = options.dir() != null ? Files.createDirectories(options.dir())
                : Files.createTempDirectory("zerocopy-bench");
        Path work = Files.createTempDirectory(scratch, "run");
        try {
            return run(options, log, work);
        } finally {
            deleteTree(work);
        }
    }

    private static Run run(Options options, PrintStream log, Path work) throws IOException {
        List<String> notes = new ArrayList<>();
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        for (ProviderStatus status : ZeroCopyTransfer.providers(null)) {
            notes.add("provider " + status.name() + " (priority " + status.priority() + "): "
                    + (status.availability().usable() ? "usable" : "unusable") + ", "
                    + status.availability().reason());
        }
        Optional<CReference> c = CReference.build(Files.createDirectories(work.resolve("c")), notes);
        Path source = work.resolve("source.bin");
        log.printf("writing %d bytes of pseudo-random data to %s%n", options.size(), source);
        BenchEnv.writeSource(source, options.size());
        BenchEnv env = new BenchEnv(options, work, source, zc, c);

        List<Scenario> scenarios = new ArrayList<>();
        for (Map.Entry<String, Factory> entry : SCENARIOS.entrySet()) {
            if (options.runs(entry.getKey())) {
                for (Scenario s : entry.getValue().create(env)) {
                    scenarios.add(new Scenario(s.id(), s.title(), s.perCall(),
                            s.variants().stream().filter(v -> options.runs(v.kind())).toList(), s.notes()));
                }
            }
        }
        Harness harness = new Harness(options.reps(), log);
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(harness.run(scenario));
        }
        String markdown = Report.render(header(options, zc), results, notes);
        if (options.out() != null) {
            Path parent = options.out().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.out(), markdown);
        }
        return new Run(markdown, List.copyOf(results));
    }

    private static String header(Options options, ZeroCopyTransfer zc) {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(java.util.Locale.ROOT,
                "Measured %s on %s, %d cores, %d GiB, %s %s; %s %s; provider `%s`, fd access %s. "
                        + "%s per copy (S1–S3, S5); %d timed runs per variant after one verifying run, "
                        + "variants interleaved; medians of runs; CPU = user+sys of the copying process from %s, "
                        + "less the harness's loopback peer threads.",
                Instant.now().truncatedTo(ChronoUnit.MINUTES), cpuModel(), Runtime.getRuntime().availableProcessors(),
                Math.round(memory / (double) (1L << 30)), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), zc.name(), FdAccess.mode(),
                size(options.size()), options.reps(), ProcessCpuClock.source());
    }

    private static String size(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
