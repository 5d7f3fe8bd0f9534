package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.portable.PortableTransfer;
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
        /**
         * Prints the provider's name, then {@code freed} or {@code kept}.
         *
         * @param args none
         * @throws Exception if the transfers fail
         */
        public static void main(String[] args) throws Exception {
            boolean freed = ForkedJvm.loaderFreedAfterTransfers(
                    ForkedJvm.location(dev.zerocopy.ZeroCopyTransfer.class));
            System.out.println(freed ? "freed" : "kept");
        }
    }

    @Test
    void theLoaderOfTheLibraryIsFreedAfterItsTransfers() throws Exception {
        ForkedJvm.Output output = ForkedJvm.run(Probe.class);
        assertEquals(PortableTransfer.NAME + "\nfreed", output.out(), output.err());
    }
}
