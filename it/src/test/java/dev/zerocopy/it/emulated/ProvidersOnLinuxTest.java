package dev.zerocopy.it.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.ProviderStatus;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.bsd.BsdTransfer;
import dev.zerocopy.emulated.NativeRegistrations;
import dev.zerocopy.solaris.SolarisTransfer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With every provider on the class path, Linux is chosen and no BSD or Solaris symbol is bound. */
class ProvidersOnLinuxTest {

    @Test
    @Timeout(30)
    void loadingAllProvidersOnLinuxBindsNoOtherSystemsSymbols() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        List<ProviderStatus> statuses = ZeroCopyTransfer.providers(null);
        for (String name : List.of(BsdTransfer.NAME, SolarisTransfer.NAME)) {
            ProviderStatus status = statuses.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is not registered: " + statuses));
            assertFalse(status.availability().usable(), status.toString());
        }
        String chosen = ZeroCopyTransfer.load(null).name();
        assertFalse(chosen.equals(BsdTransfer.NAME) || chosen.equals(SolarisTransfer.NAME), chosen);
        if (statuses.stream().anyMatch(s -> s.name().equals("linux") && s.availability().usable())) {
            assertEquals("linux", chosen);
        }
        assertEquals(List.of(), NativeRegistrations.registered(BsdTransfer.class), "FreeBSD/macOS bindings");
        assertEquals(List.of(), NativeRegistrations.registered(SolarisTransfer.class), "Solaris bindings");
    }
}
