package dev.zerocopy.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.ChannelProtocolContract;
import org.junit.jupiter.api.AfterEach;

/**
 * How a provider over an emulated kernel holds its channels, as another thread sees it (the spi's
 * {@link ChannelProtocolContract}), with a fresh kernel per test, which afterwards must have no duplicated
 * descriptor left open, must never have been asked for "until end of file", and must have moved exactly
 * the bytes a transfer that a close or interrupt ended reported. A provider's test class extends it once
 * per emulated system.
 */
public abstract class EmulatedChannelProtocol extends ChannelProtocolContract {

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

    @Override
    protected void endedEarly(long sent) {
        assertEquals(kernel.moved(), sent, "the count is what the emulated sendfile moved");
    }

    /** Checks what the kernel saw. */
    @AfterEach
    void kernelIsClean() {
        kernel.assertClean();
    }
}
