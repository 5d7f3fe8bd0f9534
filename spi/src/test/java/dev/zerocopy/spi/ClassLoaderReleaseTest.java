package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.portable.PortableTransfer;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;



/**
 * A web application's class loader can be freed after its transfers: nothing of the library stays
 * reachable from the threads that made them (no thread-local holds a transfer's state). Checked in a fresh
 * JVM, whose main thread loads the library in a class loader of its own, transfers, drops the loader, and
 * reports whether the collector freed it.
 */
@Timeout(60)
class ClassLoaderReleaseTest {

    /** Loads the library in its own loader, transfers on this (long-lived) thread, then drops the loader. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Path file = Files.write(Files.createTempFile("release", ".bin"), new byte[64 * 1024]);
            try {
                WeakReference<ClassLoader> loader = transferIn(file);
                for (int i = 0; i < 50 && loader.get() != null; i++) {
                    System.gc();
                    Thread.sleep(20);       // polling the collector, not synchronising with another thread
                }
                System.out.println(loader.get() == null ? "freed" : "kept");
            } finally {
                Files.delete(file);
            }
        }

        private static WeakReference<ClassLoader> transferIn(Path file) throws Exception {
            URLClassLoader loader = ForkedJvm.transferInOwnLoader(file,
                    ForkedJvm.location(dev.zerocopy.ZeroCopyTransfer.class));
            loader.close();
            return new WeakReference<>(loader);
        }
    }

    @Test
    void theLoaderOfTheLibraryIsFreedAfterItsTransfers() throws Exception {
        ForkedJvm.Output output = ForkedJvm.run(Probe.class);
        assertEquals(PortableTransfer.NAME + "\nfreed", output.out(), output.err());
    }
}
