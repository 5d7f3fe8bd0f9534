package dev.zerocopy.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.emulated.NetworkCopy;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.PseudoRandomStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Solaris's own progress reporting: {@code *off} over the return value, EINVAL as end of file. */
class SolarisSendfileTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void einvalAfterProgressIsNotAnError() throws Exception {
        EmulatedKernel kernel = EmulatedSolaris.OS.boot(FaultPlan.progressWith(Errno.EINVAL, 10_000));
        long size = (1 << 20) + 17;
        NetworkCopy.Result result = NetworkCopy.run(kernel.provider(), dir, 5, size);
        assertEquals(new NetworkCopy.Result(size, size, -1), result);
        assertEquals(size, kernel.moved());
        assertTrue(kernel.calls() > size / 10_000, "every call reported EINVAL: " + kernel.calls());
    }

    @Test
    @Timeout(60)
    void progressWithEagainOrEintrIsReadFromTheOffset() throws Exception {
        for (Errno errno : new Errno[] {Errno.EAGAIN, Errno.EINTR}) {
            EmulatedKernel kernel = EmulatedSolaris.OS.boot(FaultPlan.progressWith(errno, 3_000));
            long size = 500_001;
            assertEquals(new NetworkCopy.Result(size, size, -1), NetworkCopy.run(kernel.provider(), dir, 6, size));
            assertEquals(size, kernel.moved(), errno.name());
        }
    }

    @Test
    @Timeout(30)
    void anOffsetPastTheEndIsTheEndOfTheFile() throws Exception {
        EmulatedKernel kernel = EmulatedSolaris.OS.boot(FaultPlan.none());
        Path source = dir.resolve("source");
        PseudoRandomStream.writeFile(source, 1, 1000);
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            assertEquals(0, kernel.provider().transfer(file, 5000, 100, pair.near()));
            assertEquals(0, kernel.calls(), "a position beyond the file's size returns 0 before any system call");
        }
        assertEquals(0, kernel.openDuplicates());
    }
}
