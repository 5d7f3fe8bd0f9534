package dev.zerocopy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.ProviderStatus;
import dev.zerocopy.ZeroCopyTransfer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With every provider module on the class path, lookup picks the Linux provider on Linux, and the large
 * network copy runs through sendfile and splice on the real kernel.
 */
@Timeout(120)
class LinuxProviderIT {

    private static final long SEED = 0x2026_1127L;

    @TempDir
    Path dir;

    private static boolean onLinux() {
        return System.getProperty("os.name").startsWith("Linux");
    }

    @Test
    void everyProviderIsFoundAndLinuxIsChosen() {
        assumeTrue(onLinux());
        List<ProviderStatus> statuses = ZeroCopyTransfer.providers(null);
        Map<String, Boolean> usable = statuses.stream()
                .collect(Collectors.toMap(ProviderStatus::name, s -> s.availability().usable()));
        assertEquals(Boolean.TRUE, usable.get("linux"), statuses.toString());
        assertEquals(Boolean.TRUE, usable.get("portable"));
        statuses.stream().filter(s -> !s.name().equals("linux") && !s.name().equals("portable"))
                .forEach(s -> assertFalse(s.availability().usable(), s + " must not be usable on Linux"));
        assertEquals("linux", ZeroCopyTransfer.load().name());
    }

    @ParameterizedTest
    @ValueSource(longs = {10L << 20, (10L << 20) + 4097 + 3})
    void largeNetworkCopyThroughSendfileAndSplice(long size) throws Exception {
        assumeTrue(onLinux());
        ZeroCopyTransfer transfer = ZeroCopyTransfer.load();
        LargeNetworkCopy.Result result = LargeNetworkCopy.run(transfer, transfer, dir, SEED, size);
        assertEquals(size, result.sent());
        assertEquals(size, result.received());
        assertEquals(-1, result.mismatch(), "first differing byte");
        assertEquals(List.of("sendfile"), result.mechanisms("file->socket"));
        assertEquals(List.of("splice"), result.mechanisms("socket->file"));
        result.transfers().forEach(t -> assertEquals(null, t.fallbackReason(), t.toString()));
        result.transfers().forEach(t -> assertTrue(t.bytes() == size, t.toString()));
    }
}
