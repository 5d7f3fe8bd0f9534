package dev.zerocopy.emulated;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.TransferContractTest;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared transfer contract, run by a provider over a fresh emulated kernel per test, which afterwards
 * must have no duplicated descriptor left open and must never have been asked for "until end of file".
 */
public abstract class EmulatedContract extends TransferContractTest {

    private final EmulatedKernel kernel = os().boot(FaultPlan.none());
    private final ZeroCopyTransfer provider = kernel.provider();

    /**
     * Returns the emulated system.
     *
     * @return the system
     */
    protected abstract EmulatedOs os();

    @Override
    protected ZeroCopyTransfer provider() {
        return provider;
    }

    /** Checks what the kernel saw. */
    @AfterEach
    void kernelIsClean() {
        kernel.assertClean();
    }
}
