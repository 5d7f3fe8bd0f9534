package dev.zerocopy.it.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file API behaves the same with {@code ZeroCopyFileSystemProvider} installed as the default provider
 * (and with the agent) as without: {@link FileApiProbe} prints the same transcript of a few hundred path
 * and file operations, results and exceptions alike, in all three child JVMs.
 */
@Timeout(180)
class FileApiConformanceIT {

    private static final String PROVIDER_CLASS = "dev.zerocopy.nio.ZeroCopyFileSystemProvider";

    @TempDir
    Path work;

    @Test
    void transcriptsAreIdentical() throws Exception {
        List<String> plain = probe(ChildJvm.Route.PLAIN);
        List<String> provider = probe(ChildJvm.Route.PROVIDER);
        List<String> agent = probe(ChildJvm.Route.AGENT);
        assertTrue(!plain.get(0).endsWith(PROVIDER_CLASS), plain.get(0));
        assertEquals("provider " + PROVIDER_CLASS, provider.get(0), "the provider is installed");
        assertEquals(plain.get(0), agent.get(0));
        assertTrue(plain.size() > 200, "the probe ran: " + plain.size() + " steps");
        assertTrue(plain.stream().anyMatch(line -> line.startsWith("concurrent = true 16")), plain.toString());
        assertEquals(plain.subList(1, plain.size()), provider.subList(1, provider.size()));
        assertEquals(plain.subList(1, plain.size()), agent.subList(1, agent.size()));
    }

    private List<String> probe(ChildJvm.Route route) throws Exception {
        Path dir = Files.createDirectories(work.resolve(route.name().toLowerCase(java.util.Locale.ROOT)));
        Path files = Files.createDirectories(dir.resolve("files-root"));
        ChildJvm.Result result = ChildJvm.run(route, dir, List.of(), FileApiProbe.class, files.toString());
        assertEquals(0, result.exitCode(), route + ": " + ChildJvm.describe(result));
        assertEquals(List.of(), result.stderr(), route + " prints nothing: " + ChildJvm.describe(result));
        return result.stdout();
    }
}
