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
}
