package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void demoVerifiesBothCopiesAndCleansUp() throws Exception {
        ZeroCopyJar.Result result = ZeroCopyJar.run("demo", "--size", "16M", "--dir", dir.toString());
        assertEquals(0, result.exitCode(), result::toString);
        String out = result.stdout();
        assertTrue(out.contains("verified 16777216 bytes: zerocopy ("), result::toString);
        assertTrue(out.contains("verified 16777216 bytes: JDK transferTo/From"), result::toString);
        assertTrue(out.contains("fd access  OPENED"), result::toString);
        assertFalse(out.contains("MISMATCH"), result::toString);
        String jdkRow = row(out, "JDK transferTo/From");
        assertTrue(jdkRow.matches(" +JDK transferTo/From +transferTo +transferFrom +\\d+\\.\\d{3} s +\\d+\\.\\d\\d GiB/s .*"),
                jdkRow);
        if (System.getProperty("os.name").equals("Linux")) {
            // The point of the demo: the kernel moved the bytes, sendfile on the sending side and splice
            // on the receiving side, as the JFR events of the transfers report.
            assertTrue(out.contains("  provider   linux ("), result::toString);
            String ours = row(out, "zerocopy (linux)");
            assertTrue(ours.matches(" +zerocopy \\(linux\\) +sendfile +splice +\\d+\\.\\d{3} s .*"), ours);
        }
        assertFalse(out.contains("child JVM"), "no agent under plain java -jar: the JDK row runs here");
        assertFalse(out.contains("went through zerocopy too"), result::toString);
        assertEquals("", result.stderr(), "no warnings, no stack traces");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the demo deletes its files");
        }
    }

    private static String row(String out, String label) {
        return out.lines().filter(line -> line.startsWith("  " + label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + out));
    }

    @Test
    void underTheAgentTheJdkRowRunsInAChildJvmWithoutIt() throws Exception {
        ZeroCopyJar.Result result = ZeroCopyJar.runWithAgent("demo", "--size", "4M", "--dir", dir.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("the JDK row ran in a child JVM without the zerocopy agent"),
                result::toString);
        assertTrue(result.stdout().contains("verified 4194304 bytes: JDK transferTo/From"), result::toString);
        assertEquals("", result.stderr(), "no warnings, no stack traces");
    }

    @Test
    void demoReportsTheMechanismOfEachSide() throws Exception {
        ZeroCopyJar.Result result = ZeroCopyJar.run("--provider", "portable", "demo", "--size", "1M",
                "--dir", dir.toString());
        assertEquals(0, result.exitCode(), result::toString);
        String row = result.stdout().lines().filter(l -> l.contains("zerocopy (portable)") && l.contains("GiB/s"))
                .findFirst().orElseThrow(() -> new AssertionError(result));
        // The portable provider's JFR events name its mechanisms: the JDK's transferTo, or (before JDK 21, for
        // a socket target) its own buffer loop, which never hands a closed target's number to sendfile.
        assertTrue(row.matches(".*zerocopy \\(portable\\)\\s+(jdk|buffer)\\s+(buffer|jdk)\\s+.*"), row);
    }
}
