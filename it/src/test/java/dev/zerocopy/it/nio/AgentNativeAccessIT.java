package dev.zerocopy.it.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.spi.PseudoRandomStream;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent grants native access to zerocopy's own code only: under {@code -javaagent}, the Linux provider
 * binds the C library through JNA without a word, while another class-path library that calls a restricted
 * method ({@link RestrictedCallProgram}'s {@code System.loadLibrary}) gets exactly the warning the JDK prints
 * without the agent; and {@code java.base} opens {@code sun.nio.ch} and {@code java.io} to the class path no
 * more than without the agent (every run checks that). The warning tests need JDK 24 or later (JEP 472:
 * the JDK warns about {@code System.loadLibrary} from a module without native access) and Linux (the
 * provider that binds natives).
 */
@Timeout(180)
class AgentNativeAccessIT {

    private static final long SIZE = (1L << 20) + 17;
    private static final String WARNING = "WARNING: ";

    @TempDir
    Path work;

    @Test
    void anotherLibrarysRestrictedCallStillWarnsWhileTheAgentsTransfersDoNot() throws Exception {
        assumeWarningJdk();
        Run plain = run(ChildJvm.Route.PLAIN, "plain");
        Run agent = run(ChildJvm.Route.AGENT, "agent");
        List<String> jdkWarning = warnings(plain.result());
        assertTrue(jdkWarning.stream().anyMatch(line -> line.contains("System::loadLibrary")
                && line.contains(RestrictedCallProgram.class.getName())), "the JDK's own warning: " + jdkWarning);
        assertEquals(jdkWarning, warnings(agent.result()),
                "under the agent the class path is warned as without it: " + ChildJvm.describe(agent.result()));
        assertEquals(plain.result().stderr(), agent.result().stderr(), "zerocopy adds nothing to stderr");
        assertEquals(List.of("linux"), agent.providers(), "the agent's transfer bound the C library");
        assertEquals(List.of(), plain.providers());
    }

    /** On every JDK: the agent's transfers run, and java.base opens nothing to the class path for them. */
    @Test
    void theAgentOpensJavaBaseToItsOwnModuleOnly() throws Exception {
        Run agent = run(ChildJvm.Route.AGENT, "agent");
        assertEquals(1, agent.providers().size(), "one routed transfer: " + agent.providers());
        assertEquals(run(ChildJvm.Route.PLAIN, "plain").result().stderr(), agent.result().stderr());
    }

    /**
     * An application with zerocopy's own modules on the module path: the agent's layer reads only the JDK
     * modules it needs, so two modules with the same packages do not clash, and its transfer still runs.
     */
    @Test
    void anApplicationWithZerocopysModulesOnTheModulePathKeepsTheAgent() throws Exception {
        Path spi = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(entry -> entry.getFileName().toString().matches("zerocopy-spi-[^-]+(-SNAPSHOT)?\\.jar"))
                .findFirst().orElse(null);
        assumeTrue(spi != null, "the spi jar is not on the test class path (a reactor build before package)");
        List<String> modulePath = List.of("--module-path", spi.toString(), "--add-modules", "dev.zerocopy");
        Run plain = run(ChildJvm.Route.PLAIN, "plain", modulePath.toArray(String[]::new));
        Run agent = run(ChildJvm.Route.AGENT, "agent", modulePath.toArray(String[]::new));
        assertEquals(plain.result().stderr(), agent.result().stderr(), ChildJvm.describe(agent.result()));
        assertEquals(1, agent.providers().size(), "one routed transfer: " + agent.providers());
    }

    @Test
    void withNativeAccessOffTheAgentUsesThePortableProviderAndStaysSilent() throws Exception {
        assumeWarningJdk();
        Run plain = run(ChildJvm.Route.PLAIN, "plain");
        Run agent = run(ChildJvm.Route.AGENT, "agent", "-Ddev.zerocopy.agent.nativeAccess=false");
        assertEquals(plain.result().stderr(), agent.result().stderr(), ChildJvm.describe(agent.result()));
        assertEquals(List.of("portable"), agent.providers());
    }

    private static void assumeWarningJdk() {
        assumeTrue(Runtime.version().feature() >= 24, "JDK " + Runtime.version().feature()
                + " does not warn about System.loadLibrary from the class path (JDK 24 and later do)");
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the Linux provider binds natives");
    }

    /** A child's result and the providers its JFR transfer events name. */
    private record Run(ChildJvm.Result result, List<String> providers) {
    }

    private Run run(ChildJvm.Route route, String name, String... jvmArgs) throws Exception {
        Path dir = work.resolve(name);
        Path source = work.resolve("source.bin");
        if (!source.toFile().exists()) {
            PseudoRandomStream.writeFile(source, 14, SIZE);
        }
        Path recording = dir.resolve("transfers.jfr");
        List<String> args = new ArrayList<>(List.of(jvmArgs));
        args.add("-Xlog:jfr+startup=off");
        args.add("-XX:StartFlightRecording:filename=" + recording);
        ChildJvm.Result result = ChildJvm.run(route, dir, args, RestrictedCallProgram.class, source.toString(),
                dir.resolve("copy.bin").toString());
        assertEquals(0, result.exitCode(), ChildJvm.describe(result));
        assertEquals(List.of("copied " + SIZE, "open to the class path: false false", "no such library"),
                result.stdout(), ChildJvm.describe(result));
        assertEquals(-1, PseudoRandomStream.firstMismatch(dir.resolve("copy.bin"), 14, SIZE));
        List<String> providers = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("dev.zerocopy.Transfer")) {
                providers.add(event.getString("provider"));
            }
        }
        return new Run(result, providers);
    }

    private static List<String> warnings(ChildJvm.Result result) {
        return result.stderr().stream().filter(line -> line.startsWith(WARNING)).toList();
    }
}
