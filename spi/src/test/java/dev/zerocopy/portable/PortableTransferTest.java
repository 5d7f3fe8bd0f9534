package dev.zerocopy.portable;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.TransferContractTest;

/** The portable provider keeps the transfer contract. */
class PortableTransferTest extends TransferContractTest {

    private final PortableTransfer provider = new PortableTransfer();

    @Override
    protected ZeroCopyTransfer provider() {
        return provider;
    }

    @Override
    protected boolean unblocksOnAsyncClose() {
        // The JDK's own transferTo waits inside sendfile for the peer; only JDK 21+ wakes it on close.
        return Runtime.version().feature() >= 21;
    }
}
