package dev.zerocopy.it.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK is the oracle for the agent: {@link JdkCasesProgram} prints the same answers with
 * {@code -javaagent} as without, on the running JDK (on JDK 21 and later, {@code transferFrom} beyond the
 * end grows the file; on 17 it transfers nothing).
 */
@Timeout(300)
class AgentJdkCasesIT {

    @TempDir
    Path work;

    @Test
    void theAgentAnswersAsTheRunningJdk() throws Exception {
        ChildJvm.Result plain = ChildJvm.run(ChildJvm.Route.PLAIN, work.resolve("plain"), List.of(),
                JdkCasesProgram.class);
        ChildJvm.Result agent = ChildJvm.run(ChildJvm.Route.AGENT, work.resolve("agent"),
                List.of("-Djdk.cases.agent=true"), JdkCasesProgram.class);
        assertEquals(0, plain.exitCode(), ChildJvm.describe(plain));
        assertEquals(0, agent.exitCode(), ChildJvm.describe(agent));
        assertEquals("agent true", agent.stdout().get(0));
        assertEquals(plain.stdout().subList(1, plain.stdout().size()),
                agent.stdout().subList(1, agent.stdout().size()), ChildJvm.describe(agent));
        assertEquals(List.of(), agent.stderr(), "the agent prints nothing");
    }
}
