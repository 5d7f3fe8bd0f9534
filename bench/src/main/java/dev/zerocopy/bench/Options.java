package dev.zerocopy.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The harness's settings, from the command line.
 *
 * <pre>
 *   --quick              small sizes, 2 repetitions: about a minute
 *   --size BYTES         bytes per copy in S1, S2, S3, S5 (suffix k, m, g; default 1g)
 *   --reps N             timed repetitions per variant (default 5; 0 only verifies)
 *   --calls N            16 KiB calls in S4 (default 100000)
 *   --walk-files N       files in the S6 path workload (default 100000)
 *   --only S1,S4         run only these scenarios
 *   --variants zerocopy,c  run only these variants (zerocopy, jdk, buffer, c, agent, wrapper), for profiling
 *   --dir PATH           scratch directory (default: a new one under java.io.tmpdir, deleted at the end)
 *   --agent-jar PATH     zerocopy.jar for S6 (default: cli/target/zerocopy.jar, ../cli/target/zerocopy.jar)
 *   --out FILE           also write the Markdown report to FILE
 * </pre>
 *
 * @param quick     whether quick mode was asked for
 * @param size      bytes per bulk copy
 * @param reps      timed repetitions per variant
 * @param calls     calls in S4
 * @param walkFiles files in the S6 path workload
 * @param only      scenario ids to run, empty for all
 * @param variants  variant kinds to run, empty for all
 * @param dir       scratch directory, or {@code null}
 * @param agentJar  the zerocopy.jar, or {@code null} to look in the default places
 * @param out       where to write the report as well, or {@code null}
 */
public record Options(boolean quick, long size, int reps, int calls, int walkFiles, Set<String> only,
        Set<Variant.Kind> variants, Path dir, Path agentJar, Path out) {

    /** The size of one S4 call. */
    public static final int CALL_BYTES = 16 << 10;

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException on an unknown or malformed argument
     */
    public static Options parse(String... args) {
        boolean quick = false;
        for (String arg : args) {
            quick |= arg.equals("--quick");
        }
        long size = quick ? 128L << 20 : 1L << 30;
        int reps = quick ? 2 : 5;
        int calls = quick ? 20_000 : 100_000;
        int walkFiles = quick ? 10_000 : 100_000;
        Set<String> only = new LinkedHashSet<>();
        Set<Variant.Kind> variants = new LinkedHashSet<>();
        Path dir = null;
        Path agentJar = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> { }
                case "--size" -> size = bytes(value(args, ++i, arg));
                case "--reps" -> reps = Integer.parseInt(value(args, ++i, arg));
                case "--calls" -> calls = Integer.parseInt(value(args, ++i, arg));
                case "--walk-files" -> walkFiles = Integer.parseInt(value(args, ++i, arg));
                case "--only" -> {
                    for (String id : value(args, ++i, arg).split(",")) {
                        only.add(id.trim().toUpperCase(Locale.ROOT));
                    }
                }
                case "--variants" -> {
                    for (String kind : value(args, ++i, arg).split(",")) {
                        variants.add(Variant.Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
                    }
                }
                case "--dir" -> dir = Path.of(value(args, ++i, arg));
                case "--agent-jar" -> agentJar = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (size < CALL_BYTES || reps < 0 || calls < 1 || walkFiles < 1) {
            throw new IllegalArgumentException(
                    "size must be at least 16k; reps at least 0; calls and walk-files at least 1");
        }
        return new Options(quick, size, reps, calls, walkFiles, Set.copyOf(only), Set.copyOf(variants), dir,
                agentJar, out);
    }

    /**
     * Tells whether a scenario is to run.
     *
     * @param id the scenario's id, such as {@code S1}
     * @return whether it runs
     */
    public boolean runs(String id) {
        return only.isEmpty() || only.contains(id);
    }

    /**
     * Tells whether a variant is to run.
     *
     * @param kind the variant's kind
     * @return whether it runs
     */
    public boolean runs(Variant.Kind kind) {
        return variants.isEmpty() || variants.contains(kind);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    /**
     * Parses a byte count with an optional k, m or g suffix (powers of 1024).
     *
     * @param text the text
     * @return the bytes
     */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1)) << shift;
    }
}
