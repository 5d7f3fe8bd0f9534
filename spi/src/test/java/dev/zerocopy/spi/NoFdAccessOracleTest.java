package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With fd access {@link FdAccess.Mode#NONE} (no {@code --add-opens}, no Unsafe: JDK 24+ by default, or
 * {@code -Ddev.zerocopy.fdaccess=opened} on older JDKs), the open modes of file channels are learnt from the
 * channels themselves: the JDK-as-oracle checks of argument order pass in a fresh JVM, and an interrupt
 * pending at the start (which the probe's empty read or write turns into a closed file) still ends the
 * transfer as an interrupt.
 */
@Timeout(120)
class NoFdAccessOracleTest {

    /** Runs the order checks of {@link JdkOracleSuite} against the portable provider and prints the mode. */
    public static final class Probe extends JdkOracleSuite {
        private static final ZeroCopyTransfer PORTABLE = new PortableTransfer();

        @Override
        protected ZeroCopyTransfer provider() {
            return PORTABLE;
        }

        public static void main(String[] args) throws Exception {
            Probe probe = new Probe();
            probe.dir = Files.createTempDirectory("zc-nofd");
            probe.transferToChecksInTheRunningJdksOrder();
            probe.transferFromChecksInTheRunningJdksOrder();
            probe.transferFromBeyondTheEndFollowsTheRunningJdk();
            probe.interruptPendingAtTheStartClosesBothAndTellsTheCount();
            System.out.println(FdAccess.mode() + " ok");
        }
    }

    @Test
    void openModesAreLearntFromTheChannels() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Ddev.zerocopy.fdaccess=opened");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals("NONE ok", out);
        assertEquals(0, process.exitValue());
    }
}
