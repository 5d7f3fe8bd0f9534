package dev.zerocopy.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.zerocopy.ProviderStatus;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.emulated.NativeRegistrations;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.PseudoRandomStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Off Solaris the provider is listed, unusable, and binds nothing, even when used. */
class NoBindingOffSolarisTest {

    @Test
    @Timeout(30)
    void listingAndUsingTheProviderBindsNothing(@TempDir Path dir) throws Exception {
        assumeFalse("SunOS".equals(System.getProperty("os.name")), "runs off Solaris only");

        List<ProviderStatus> statuses = ZeroCopyTransfer.providers(null);
        ProviderStatus solaris = statuses.stream().filter(s -> s.name().equals(SolarisTransfer.NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("SolarisTransfer not registered: " + statuses));
        assertFalse(solaris.availability().usable(), solaris.toString());
        assertNotEquals(SolarisTransfer.NAME, ZeroCopyTransfer.load(null).name());

        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, 9, 200_003);
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            Future<Long> received = pair.receiveInto(target);
            assertEquals(200_003, new SolarisTransfer().transfer(file, 0, 200_003, pair.near()));
            pair.near().shutdownOutput();
            assertEquals(200_003, received.get(20, TimeUnit.SECONDS));
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(target, 9, 200_003));
        assertEquals(List.of(JnaSolarisLibc.Sendfile.class),
                NativeRegistrations.bindingClasses(SolarisTransfer.class), "the bindings the check looks at");
        assertEquals(List.of(), NativeRegistrations.registered(SolarisTransfer.class), "no Solaris symbol may be looked up here");
    }
}
