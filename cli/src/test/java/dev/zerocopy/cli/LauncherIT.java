package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./zerocopy} launcher script at the repository root. */
@Timeout(120)
class LauncherIT {

    @TempDir
    Path dir;

    private static Path launcher() {
        Path script = Path.of(System.getProperty("zerocopy.launcher", "../zerocopy"));
        assumeTrue(Files.isExecutable(script), "no launcher at " + script);
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
        return script;
    }

    private record Outcome(int exitCode, String output) {
    }

    private Outcome run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", script.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Outcome(process.exitValue(), output);
    }

    @Test
    void underAnAsciiLocaleNonAsciiNamesStillWork() throws Exception {
        Path source = Files.writeString(dir.resolve("\u00e9t\u00e9.txt"), "summer\n");
        Outcome outcome = run(launcher(), Map.of("LC_ALL", "C", "LANG", "C", "ZEROCOPY_NO_BUILD", "1"),
                "copy", source.getFileName().toString(), "hiver-\u00e9.txt");
        assertEquals(0, outcome.exitCode(), outcome.output());
        assertEquals("summer\n", Files.readString(dir.resolve("hiver-\u00e9.txt")));
    }

    @Test
    void theFirstBuildSaysHowLongItTakes() throws Exception {
        // A copy of the script in an empty tree: the jar is missing, and a stand-in mvn fails at once.
        Path script = Files.copy(launcher(), dir.resolve("zerocopy"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho 'stand-in maven: no build here'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Outcome outcome = run(script, Map.of("PATH", bin + ":" + System.getenv("PATH")), "--version");
        assertEquals(1, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().startsWith("zerocopy: building cli/target/zerocopy.jar, about half a minute "
                + "(cli/target/zerocopy.jar is missing)"), outcome.output());
        assertTrue(outcome.output().contains("stand-in maven: no build here"), outcome.output());
    }
}
