package dev.zerocopy.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario: first one untimed, verifying run of each variant (which also warms it up and, for the
 * in-process zerocopy variant, records which mechanism the provider used), then the timed runs with the
 * variants interleaved (A B C A B C ...) so that drift on a shared machine hits every variant alike. A
 * variant that fails is reported with its error and left out of the remaining rounds.
 */
final class Harness {

    /**
     * What one variant did.
     *
     * @param variant   the variant
     * @param runs      its timed runs
     * @param verified  whether its verifying run moved every byte correctly
     * @param mechanism the provider's mechanisms seen in the verifying run, or {@code null}
     * @param failure   its error, or {@code null}
     */
    record VariantResult(Variant variant, List<Measurement> runs, boolean verified, String mechanism,
            String failure) {
    }

    /**
     * What one scenario did.
     *
     * @param scenario the scenario
     * @param variants each variant's result, in the scenario's order
     */
    record ScenarioResult(Scenario scenario, List<VariantResult> variants) {
    }

    private final int reps;
    private final PrintStream log;

    Harness(int reps, PrintStream log) {
        this.reps = reps;
        this.log = log;
    }

    ScenarioResult run(Scenario scenario) {
        long start = System.nanoTime();
        List<Variant> variants = scenario.variants();
        int n = variants.size();
        List<List<Measurement>> runs = new ArrayList<>();
        boolean[] verified = new boolean[n];
        String[] mechanism = new String[n];
        String[] failure = new String[n];
        for (int i = 0; i < n; i++) {
            runs.add(new ArrayList<>());
            Variant v = variants.get(i);
            log.printf("%s %s: verifying run%n", scenario.id(), v.label());
            try {
                if (v.kind() == Variant.Kind.ZEROCOPY && !v.external()) {
                    mechanism[i] = MechanismProbe.observe(v.trial());
                } else {
                    v.trial().run(true);
                }
                verified[i] = true;
            } catch (Exception | AssertionError e) {
                failure[i] = describe(e);
                log.printf("%s %s: FAILED: %s%n", scenario.id(), v.label(), failure[i]);
            }
        }
        for (int round = 1; round <= reps; round++) {
            for (int i = 0; i < n; i++) {
                if (failure[i] != null) {
                    continue;
                }
                Variant v = variants.get(i);
                try {
                    Measurement m = v.trial().run(false);
                    runs.get(i).add(m);
                    log.printf("%s %s: round %d/%d: %.3f GiB/s, %.2f µs/call, CPU %.3f s/GiB%n", scenario.id(),
                            v.label(), round, reps, m.gibPerSecond(), m.microsPerCall(), m.cpuSecondsPerGib());
                } catch (Exception | AssertionError e) {
                    failure[i] = describe(e);
                    log.printf("%s %s: FAILED: %s%n", scenario.id(), v.label(), failure[i]);
                }
            }
        }
        List<VariantResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(new VariantResult(variants.get(i), List.copyOf(runs.get(i)), verified[i], mechanism[i],
                    failure[i]));
        }
        log.printf("%s done in %.1f s%n", scenario.id(), (System.nanoTime() - start) / 1e9);
        return new ScenarioResult(scenario, results);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }
}
