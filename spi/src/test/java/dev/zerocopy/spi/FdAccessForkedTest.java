package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fd access modes in fresh JVMs started without {@code --add-opens}. */
@Timeout(60)
class FdAccessForkedTest {

    /** Prints the mode and whether a file channel's fd was read. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            try (FileChannel fc = FileChannel.open(Path.of(System.getProperty("java.home"), "release"))) {
                System.out.println(FdAccess.mode() + " " + (FdAccess.fd(fc) > 2));
            }
        }
    }

    private static ForkedJvm.Output run(String... jvmArgs) throws IOException, InterruptedException {
        return ForkedJvm.run(Probe.class, jvmArgs);
    }

    @Test
    void withoutOpensUsesUnsafeOnlyWhereTheJdkStaysSilent() throws Exception {
        ForkedJvm.Output result = run();
        assertEquals(Runtime.version().feature() < 24 ? "UNSAFE true" : "NONE false", result.out());
        assertEquals("", result.err(), "nothing printed on any JDK");
    }

    @Test
    void unsafeAllowedExplicitlyOnNewerJdks() throws Exception {
        // Before JDK 24 Unsafe is used without the flag (the test above); JDK 23 has the flag but its
        // default is already "allow", so only 24 and later say anything about it.
        assumeTrue(Runtime.version().feature() >= 24, "Unsafe memory access warns only from JDK 24 on");
        ForkedJvm.Output result = run("--sun-misc-unsafe-memory-access=allow");
        assertEquals("UNSAFE true", result.out());
        assertEquals("", result.err());
    }

    @Test
    void withOpensUsesVarHandles() throws Exception {
        ForkedJvm.Output result = run("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens",
                "java.base/java.io=ALL-UNNAMED");
        assertEquals("OPENED true", result.out());
        assertEquals("", result.err());
    }

    @Test
    void forbiddingUnsafeWithoutOpensMeansNone() throws Exception {
        ForkedJvm.Output result = run("-Ddev.zerocopy.fdaccess=opened");
        assertEquals("NONE false", result.out());
        assertEquals("", result.err());
    }
}
