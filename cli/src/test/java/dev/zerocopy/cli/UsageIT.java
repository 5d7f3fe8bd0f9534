package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class UsageIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "zerocopy {0}")
    @ValueSource(strings = {
        "", "bogus", "copy onlyone", "copy a b c", "demo --size abc", "demo --size 0", "recv 70000 out",
        "send file nocolon", "serve . --threads 0", "send f 127.0.0.1:9 --connect-timeout -1",
        "send f 127.0.0.1:9 --connect-timeout 0", "--provider nosuch copy a b", "doctor --provider nosuch",
        "serve . --head-timeout 0"
    })
    void badArgumentsExitTwoWithUsage(String line) throws Exception {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        ZeroCopyJar.Result result = ZeroCopyJar.run(args);
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("Usage: zerocopy"), result::toString);
        assertFalse(result.stderr().contains("\tat "), result::toString);
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        ZeroCopyJar.Result help = ZeroCopyJar.run("--help");
        assertEquals(0, help.exitCode(), help::toString);
        for (String command : new String[] {"demo", "copy", "send", "recv", "serve", "doctor"}) {
            assertTrue(help.stdout().contains(command), command);
        }
        ZeroCopyJar.Result version = ZeroCopyJar.run("--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.stdout().startsWith("zerocopy "), version::toString);
    }

    @Test
    void ioErrorsAreOneLineNamingTheFileAndExitOne() throws Exception {
        Path missing = dir.resolve("missing.bin");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", missing.toString(), dir.resolve("out").toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("zerocopy: cannot read " + missing + ": No such file or directory\n", result.stderr());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path missing = dir.resolve("missing.bin");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", "--verbose", missing.toString(), dir.resolve("o").toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().startsWith("zerocopy: cannot read " + missing), result::toString);
        assertTrue(result.stderr().contains("\tat "), result::toString);
        assertTrue(result.stderr().contains("NoSuchFileException"), result::toString);
    }

    @ParameterizedTest(name = "zerocopy {0}")
    @ValueSource(strings = {"demo", "copy", "send", "recv", "serve", "doctor"})
    void everyCommandPrintsItsHelpAndExitsZero(String command) throws Exception {
        for (String flag : new String[] {"--help", "-h"}) {
            ZeroCopyJar.Result result = ZeroCopyJar.run(command, flag);
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().startsWith("Usage: zerocopy " + command), result::toString);
            assertEquals("", result.stderr(), "no picocli warnings (such as an unescaped %)");
        }
    }

    @Test
    void unknownProviderIsABadArgumentNamingTheKnownOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        ZeroCopyJar.Result result = ZeroCopyJar.run("--provider", "nosuch", "copy", file.toString(),
                dir.resolve("g").toString());
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().startsWith("Unknown provider 'nosuch' for --provider; known: "), result::toString);
        assertTrue(result.stderr().contains("portable"), result::toString);
        assertFalse(Files.exists(dir.resolve("g")));
    }

    @Test
    void doctorFailsWhenTheNamedProviderIsUnusable() throws Exception {
        // The BSD provider is never usable on Linux; on a BSD the Solaris one is not.
        String unusable = System.getProperty("os.name").contains("BSD") ? "solaris" : "bsd";
        ZeroCopyJar.Result result = ZeroCopyJar.run("--provider", unusable, "doctor");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("selection failed"), result::toString);
        assertEquals("zerocopy: the provider " + unusable + " is not usable here (see above)\n", result.stderr());
        assertEquals(0, ZeroCopyJar.run("--provider", "portable", "doctor").exitCode());
    }

    @Test
    void doctorListsProvidersAndFdAccess() throws Exception {
        ZeroCopyJar.Result result = ZeroCopyJar.run("doctor");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("portable"), result::toString);
        assertTrue(result.stdout().contains("<- selected"), result::toString);
        // The jar's Add-Opens manifest line gives the quiet way of reading fds.
        assertTrue(result.stdout().contains("fd access") && result.stdout().contains("OPENED"), result::toString);
        assertTrue(result.stdout().contains("pipe-max-size"), result::toString);
        assertTrue(result.stdout().lines().anyMatch(line -> line.matches("\\s*protocol\\s+guest")), result::toString);
        assertTrue(result.stdout().contains(Runtime.version().feature() >= 21 ? "parks on the JDK's poller"
                : "no virtual threads"), result::toString);
        assertTrue(result.stdout().contains("present, not active (run with -javaagent:zerocopy.jar)"),
                result::toString);
        assertEquals("", result.stderr(), "nothing on stderr (no JNA or Unsafe warnings)");
    }

    @Test
    void doctorSeesTheAgentUnderJavaagent() throws Exception {
        ZeroCopyJar.Result result = ZeroCopyJar.runWithAgent("doctor");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("active: FileChannel.transferTo/transferFrom go through zerocopy"),
                result::toString);
        assertEquals("", result.stderr(), "nothing on stderr");
    }
}
