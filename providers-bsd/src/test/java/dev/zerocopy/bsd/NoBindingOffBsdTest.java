package dev.zerocopy.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

/** On a system that is neither FreeBSD nor macOS, the provider is listed, unusable, and binds nothing. */
class NoBindingOffBsdTest {

    @Test
    @Timeout(30)
    void listingAndUsingTheProviderBindsNothing(@TempDir Path dir) throws Exception {
        String os = System.getProperty("os.name");
        assumeFalse(os.equals("FreeBSD") || os.startsWith("Mac"), "runs off BSD only");

        List<ProviderStatus> statuses = ZeroCopyTransfer.providers(null);
        ProviderStatus bsd = statuses.stream().filter(s -> s.name().equals(BsdTransfer.NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("BsdTransfer not registered with ServiceLoader: " + statuses));
        assertFalse(bsd.availability().usable(), bsd.toString());
        assertTrue(bsd.availability().reason().contains(os), bsd.availability().reason());
        assertFalse(ZeroCopyTransfer.load(null).name().equals(BsdTransfer.NAME));

        // Used anyway, by name: everything falls back to the portable copies, still without binding.
        BsdTransfer provider = new BsdTransfer();
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, 7, 300_001);
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            Future<Long> received = pair.receiveInto(target);
            assertEquals(300_001, provider.transfer(file, 0, 300_001, pair.near()));
            pair.near().shutdownOutput();
            assertEquals(300_001, received.get(20, TimeUnit.SECONDS));
        }
        assertEquals(-1, PseudoRandomStream.firstMismatch(target, 7, 300_001));

        assertEquals(List.of(JnaFreeBsdLibc.CopyFileRange.class, JnaFreeBsdLibc.Sendfile.class, JnaMacOsLibc.Sendfile.class),
                NativeRegistrations.bindingClasses(BsdTransfer.class), "the bindings the check looks at");
        assertEquals(List.of(), NativeRegistrations.registered(BsdTransfer.class), "no FreeBSD/macOS symbol may be looked up here");
    }
}
