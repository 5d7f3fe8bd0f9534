package dev.zerocopy.it.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.JdkOracleSuite;
import org.junit.jupiter.api.BeforeAll;

/** The JDK as the oracle for the provider {@link ZeroCopyTransfer#load()} picks here: {@code linux}. */
class LinuxJdkOracleTest extends JdkOracleSuite {

    @BeforeAll
    static void linuxIsChosen() {
        assertEquals("linux", ZeroCopyTransfer.load().name(), "the Linux provider is usable in this JVM");
    }

    @Override
    protected ZeroCopyTransfer provider() {
        return ZeroCopyTransfer.load();
    }
}
