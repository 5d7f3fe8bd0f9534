package dev.zerocopy.bench;

import dev.zerocopy.bench.Harness.ScenarioResult;
import dev.zerocopy.bench.Variant.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The performance targets of the project (as fast as a C loop, never slower than the JDK, several times
 * the JDK where it copies through buffers), all ratios of medians measured in the same run, and their
 * evaluation.
 */
final class Targets {

    /** How a target compares two variants. */
    enum Metric {
        /** Throughput ratio (or inverse time ratio), at least the factor. */
        SPEED,
        /** Time-per-call ratio, at most the factor. */
        TIME,
        /** CPU cost ratio, at most the factor. */
        CPU,
        /** Throughput ratio shown for information. */
        INFO
    }

    /**
     * One target.
     *
     * @param scenario the scenario's id
     * @param subject  the variant measured
     * @param versus   the variant it is compared with
     * @param metric   how
     * @param factor   the bound
     * @param text     what the target says
     */
    record Target(String scenario, Kind subject, Kind versus, Metric metric, double factor, String text) {
    }

    /**
     * A target's outcome.
     *
     * @param target   the target
     * @param measured the ratio, or NaN if a variant is missing
     * @param verdict  {@code met}, {@code MISSED}, {@code info} or why it was not evaluated
     */
    record Outcome(Target target, double measured, String verdict) {
    }

    static final List<Target> ALL = List.of(
            new Target("S1", Kind.ZEROCOPY, Kind.C, Metric.SPEED, 0.95, "S1 zerocopy ≥ 0.95 × C sendfile loop"),
            new Target("S1", Kind.ZEROCOPY, Kind.JDK, Metric.SPEED, 1.0, "S1 zerocopy ≥ 1.0 × JDK transferTo"),
            new Target("S1", Kind.ZEROCOPY, Kind.JDK, Metric.CPU, 1.0, "S1 zerocopy CPU s/GiB ≤ JDK's"),
            new Target("S2", Kind.ZEROCOPY, Kind.C, Metric.SPEED, 0.9, "S2 zerocopy ≥ 0.9 × C splice loop"),
            new Target("S2", Kind.ZEROCOPY, Kind.JDK, Metric.INFO, 0, "S2 zerocopy ÷ JDK transferFrom (about 4×)"),
            new Target("S2", Kind.ZEROCOPY, Kind.C, Metric.CPU, 1.2, "S2 zerocopy CPU s/GiB ≤ 1.2 × C loop's"),
            new Target("S2", Kind.ZEROCOPY, Kind.JDK, Metric.CPU, 1.0, "S2 zerocopy CPU s/GiB ≤ JDK's"),
            new Target("S3", Kind.ZEROCOPY, Kind.C, Metric.SPEED, 0.95,
                    "S3 zerocopy ≥ 0.95 × C copy_file_range loop"),
            new Target("S3", Kind.ZEROCOPY, Kind.JDK, Metric.CPU, 1.0, "S3 zerocopy CPU s/GiB ≤ JDK's"),
            new Target("S4", Kind.ZEROCOPY, Kind.C, Metric.TIME, 1.15,
                    "S4 zerocopy time per call ≤ 1.15 × C sendfile"),
            new Target("S4", Kind.ZEROCOPY, Kind.JDK, Metric.TIME, 1.0,
                    "S4 zerocopy time per call ≤ JDK transferTo's"),
            new Target("S5", Kind.ZEROCOPY, Kind.BUFFER, Metric.SPEED, 1.3,
                    "S5 zerocopy relay ≥ 1.3 × direct-buffer loop"),
            new Target("S6a", Kind.AGENT, Kind.ZEROCOPY, Metric.SPEED, 0.95,
                    "S6 S1 under -javaagent ≥ 0.95 × ZeroCopyTransfer direct"),
            new Target("S6b", Kind.AGENT, Kind.ZEROCOPY, Metric.SPEED, 0.95,
                    "S6 S2 under -javaagent ≥ 0.95 × ZeroCopyTransfer direct"),
            new Target("S6c", Kind.WRAPPER, Kind.JDK, Metric.TIME, 1.05,
                    "S6 path walk under the file system provider ≤ 1.05 × plain JDK time"));

    private Targets() {
    }

    static List<Outcome> evaluate(List<ScenarioResult> results) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Target target : ALL) {
            Optional<ScenarioResult> scenario = results.stream()
                    .filter(r -> r.scenario().id().equals(target.scenario())).findFirst();
            if (scenario.isEmpty()) {
                continue;
            }
            Optional<Summary> subject = summary(scenario.get(), target.subject());
            Optional<Summary> versus = summary(scenario.get(), target.versus());
            if (subject.isEmpty() || versus.isEmpty()) {
                outcomes.add(new Outcome(target, Double.NaN, "not measured"));
                continue;
            }
            Summary s = subject.get();
            Summary v = versus.get();
            double measured = switch (target.metric()) {
                case SPEED, INFO -> s.speedup(v);
                case TIME -> s.median() / v.median();
                case CPU -> s.cpu() / v.cpu();
            };
            String verdict = switch (target.metric()) {
                case INFO -> "info";
                case SPEED -> measured >= target.factor() ? "met" : "MISSED";
                case TIME, CPU -> measured <= target.factor() ? "met" : "MISSED";
            };
            outcomes.add(new Outcome(target, measured, verdict));
        }
        return outcomes;
    }

    private static Optional<Summary> summary(ScenarioResult result, Kind kind) {
        return result.variants().stream()
                .filter(v -> v.variant().kind() == kind && v.failure() == null && !v.runs().isEmpty())
                .findFirst()
                .map(v -> Summary.of(v.runs(), result.scenario().perCall()));
    }
}
