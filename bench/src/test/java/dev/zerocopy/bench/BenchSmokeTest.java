package dev.zerocopy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.bench.Harness.ScenarioResult;
import dev.zerocopy.bench.Harness.VariantResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole harness with tiny sizes: every variant must run, move every byte and be verified. */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void everyScenarioRunsAndVerifiesEveryVariant() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Options options = Options.parse("--size", "1m", "--reps", "2", "--calls", "40", "--only", "S1,S2,S3,S4,S5",
                "--dir", dir.toString(), "--out", dir.resolve("report.md").toString());
        Bench.Run run = Bench.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

        List<String> ids = run.results().stream().map(r -> r.scenario().id()).toList();
        assertEquals(List.of("S1", "S2", "S3", "S4", "S4n", "S5"), ids);
        boolean gcc = gccOnPath();
        for (ScenarioResult result : run.results()) {
            List<Variant.Kind> kinds = result.variants().stream().map(v -> v.variant().kind()).toList();
            boolean cVariant = gcc && !result.scenario().id().equals("S4n");     // S4n compares Java variants
            assertEquals(cVariant ? List.of(Variant.Kind.ZEROCOPY, Variant.Kind.JDK, Variant.Kind.BUFFER, Variant.Kind.C)
                    : List.of(Variant.Kind.ZEROCOPY, Variant.Kind.JDK, Variant.Kind.BUFFER), kinds,
                    result.scenario().id());
            for (VariantResult v : result.variants()) {
                String where = result.scenario().id() + " " + v.variant().label() + ": " + log;
                assertNull(v.failure(), where);
                assertTrue(v.verified(), where);
                assertEquals(2, v.runs().size(), where);
                long expected = result.scenario().id().startsWith("S4") ? 40L * Options.CALL_BYTES : 1L << 20;
                for (Measurement m : v.runs()) {
                    assertEquals(expected, m.bytes(), where);
                }
            }
        }
        String markdown = run.markdown();
        assertTrue(markdown.contains("| scenario | variant | median | min | max |"), markdown);
        assertTrue(markdown.contains("| S1 file→socket | zerocopy "), markdown);
        assertTrue(markdown.contains("| S5 zerocopy relay ≥ 1.3 × direct-buffer loop |"), markdown);
        assertEquals(markdown, Files.readString(dir.resolve("report.md")));
        if (!gcc) {
            assertTrue(markdown.contains("C sendfile loop skipped"), markdown);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("report.md")), left.toList(), "scratch files are removed");
        }
    }

    @Test
    @Timeout(60)
    void agentScenarioIsSkippedWithANoteWhenTheJarIsMissing() throws Exception {
        Options options = Options.parse("--size", "64k", "--only", "S6", "--dir", dir.toString(),
                "--agent-jar", dir.resolve("missing.jar").toString(), "--reps", "0");
        Bench.Run run = Bench.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(1, run.results().size());
        Scenario s6 = run.results().get(0).scenario();
        assertTrue(s6.variants().isEmpty());
        assertTrue(s6.notes().get(0).startsWith("S6 skipped: zerocopy.jar not found"), s6.notes().toString());
        assertTrue(run.markdown().contains("- S6 skipped: zerocopy.jar not found"), run.markdown());
    }

    @Test
    @Timeout(120)
    void agentScenarioRunsChildJvmsUnderTheAgentJar() throws Exception {
        Path jar = dir.resolve("agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", NoopAgent.class.getName());
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        Options options = Options.parse("--size", "256k", "--reps", "0", "--only", "S6", "--dir", dir.toString(),
                "--agent-jar", jar.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Bench.Run run = Bench.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

        List<String> ids = run.results().stream().map(r -> r.scenario().id()).toList();
        assertEquals(List.of("S6a", "S6b", "S6c"), ids);
        for (ScenarioResult result : run.results().subList(0, 2)) {
            assertEquals(List.of(Variant.Kind.AGENT, Variant.Kind.ZEROCOPY, Variant.Kind.JDK),
                    result.variants().stream().map(v -> v.variant().kind()).toList());
            for (VariantResult v : result.variants()) {
                assertNull(v.failure(), v.variant().label() + ": " + log);
                assertTrue(v.verified());
                assertTrue(v.runs().isEmpty(), "--reps 0 only verifies");
            }
        }
        assertTrue(run.results().get(2).scenario().notes().get(0).startsWith("S6c skipped"),
                run.results().get(2).scenario().notes().toString());
    }

    private static boolean gccOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, "gcc"))) {
                assertFalse(entry.isEmpty());
                return true;
            }
        }
        return false;
    }
}
