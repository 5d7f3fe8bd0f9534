package dev.zerocopy.linux;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.TransferContractTest;

/** The Linux provider keeps the transfer contract on the real kernel. */
class LinuxTransferContractTest extends TransferContractTest {

    private static final LinuxTransfer PROVIDER = new LinuxTransfer();

    @Override
    protected ZeroCopyTransfer provider() {
        return PROVIDER;
    }
}
