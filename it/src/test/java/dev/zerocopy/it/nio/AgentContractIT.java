package dev.zerocopy.it.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the agent, the JDK's own {@code FileChannel.transferTo}/{@code transferFrom} keep
 * {@code ZeroCopyTransfer}'s contract: the spi's contract suite ({@link AgentContractSuite}) passes in a
 * child JVM started with {@code -javaagent}.
 */
@Timeout(300)
class AgentContractIT {

    @TempDir
    Path work;

    @Test
    void contractSuitePassesThroughTheJdksMethods() throws Exception {
        // The suite asks ZeroCopyTransfer.load() which provider the agent runs; that is the class path's copy,
        // to which the agent grants nothing: with the flag it chooses what the agent's own copy chooses.
        List<String> flags = Runtime.version().feature() >= 22 ? List.of("--enable-native-access=ALL-UNNAMED")
                : List.of();
        ChildJvm.Result result = ChildJvm.run(ChildJvm.Route.AGENT, work, flags, RunSuite.class,
                AgentContractSuite.class.getName());
        String description = ChildJvm.describe(result);
        assertEquals(0, result.exitCode(), description);
        assertTrue(result.stdout().get(0).matches("tests [1-9][0-9]* succeeded [1-9][0-9]* failed 0 skipped [0-9]+"),
                description);
    }
}
