package dev.zerocopy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zerocopy.bench.Harness.ScenarioResult;
import dev.zerocopy.bench.Harness.VariantResult;
import dev.zerocopy.bench.Variant.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the report: parsing result lines, medians, ratios and verdicts. */
class FiguresTest {

    private static final long GIB = 1L << 30;

    @Test
    void parsesTheResultLineOfTheCProgram() {
        Measurement m = Measurement.parse("bytes=1073741824 ns=500000000 cpu_ns=250000000 calls=1\n");
        assertEquals(2.0, m.gibPerSecond(), 1e-9);
        assertEquals(0.25, m.cpuSecondsPerGib(), 1e-9);
        assertEquals(m, Measurement.parse(m.toLine()));
        assertThrows(IllegalArgumentException.class, () -> Measurement.parse("bytes=1 ns=2"));
        assertThrows(IllegalArgumentException.class, () -> Measurement.parse("hello"));
    }

    @Test
    void summaryTakesMedianMinAndMax() {
        Summary s = Summary.of(List.of(run(GIB, 1_000_000_000L), run(GIB, 250_000_000L), run(GIB, 500_000_000L)),
                false);
        assertEquals(2.0, s.median(), 1e-9);
        assertEquals(1.0, s.min(), 1e-9);
        assertEquals(4.0, s.max(), 1e-9);
        Summary even = Summary.of(List.of(run(GIB, 1_000_000_000L), run(GIB, 500_000_000L)), false);
        assertEquals(1.5, even.median(), 1e-9);
    }

    @Test
    void targetsCompareMediansOfTheSameRun() {
        Scenario scenario = new Scenario("S1", "file→socket", false, List.of(), List.of());
        ScenarioResult s1 = new ScenarioResult(scenario, List.of(
                result(Kind.ZEROCOPY, run(GIB, 1_000_000_000L)),
                result(Kind.JDK, run(GIB, 900_000_000L)),
                result(Kind.C, run(GIB, 1_000_000_000L))));
        List<Targets.Outcome> outcomes = Targets.evaluate(List.of(s1));
        assertEquals(3, outcomes.size());
        assertEquals("met", outcomes.get(0).verdict());          // ≥ 0.95 × C: 1.0
        assertEquals(1.0, outcomes.get(0).measured(), 1e-9);
        assertEquals("MISSED", outcomes.get(1).verdict());       // ≥ 1.0 × JDK: 0.9
        assertEquals(0.9, outcomes.get(1).measured(), 1e-9);
        assertEquals("met", outcomes.get(2).verdict());          // CPU equal
    }

    @Test
    void parsesSizes() {
        assertEquals(GIB, Options.bytes("1g"));
        assertEquals(64L << 10, Options.bytes("64K"));
        assertEquals(1234, Options.bytes("1234"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--bogus"));
    }

    private static Measurement run(long bytes, long nanos) {
        return new Measurement(bytes, 1, nanos, 300_000_000L);
    }

    private static VariantResult result(Kind kind, Measurement m) {
        Variant v = new Variant(kind, kind.name(), false, verify -> m);
        return new VariantResult(v, List.of(m), true, null, null);
    }
}
