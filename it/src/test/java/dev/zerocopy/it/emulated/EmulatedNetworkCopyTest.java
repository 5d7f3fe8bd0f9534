package dev.zerocopy.it.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.EmulatedOs;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.it.LargeNetworkCopy;
import dev.zerocopy.portable.PortableTransfer;
import dev.zerocopy.spi.Errno;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The large network copy through the FreeBSD, macOS and Solaris providers over their emulated kernels:
 * 10 MiB and an odd size, sent over loopback TCP with the provider's sendfile, received by the portable
 * provider into a file and compared byte for byte; cleanly and with the systems' quirks injected.
 */
class EmulatedNetworkCopyTest {

    private static final long SEED = 0x5eed_2026L;

    @TempDir
    Path dir;

    static Stream<Arguments> copies() {
        List<FaultPlan> plans = List.of(FaultPlan.none(), FaultPlan.progressWith(Errno.EAGAIN, Long.MAX_VALUE),
                FaultPlan.progressWith(Errno.EINTR, 300_007));
        return EmulatedSystems.all().stream().flatMap(os -> plans.stream().flatMap(plan ->
                Stream.of(10L << 20, (10L << 20) + 4097).map(size -> Arguments.of(os, plan, size))));
    }

    @ParameterizedTest(name = "{0}, {1}, {2} bytes")
    @MethodSource("copies")
    @Timeout(120)
    void largeNetworkCopy(EmulatedOs os, FaultPlan plan, long size) throws Exception {
        EmulatedKernel kernel = os.boot(plan);
        LargeNetworkCopy.Result result = LargeNetworkCopy.run(kernel.provider(), new PortableTransfer(), dir, SEED, size);
        assertEquals(size, result.sent(), "sender's count");
        assertEquals(size, result.received(), "receiver's count");
        assertEquals(-1, result.mismatch(), "first differing byte");
        assertEquals(size, kernel.moved(), "bytes the emulated sendfile moved");
        assertEquals(List.of("sendfile"), result.mechanisms("file->socket"));
        assertEquals(0, kernel.openDuplicates(), "duplicates left open");
        assertEquals(0, kernel.toEndRequests(), "requests for 'until end of file'");
    }
}
