package dev.zerocopy.spi;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;

/** The JDK as the oracle for the portable provider. */
class PortableJdkOracleTest extends JdkOracleSuite {

    private static final ZeroCopyTransfer PORTABLE = new PortableTransfer();

    @Override
    protected ZeroCopyTransfer provider() {
        return PORTABLE;
    }
}
