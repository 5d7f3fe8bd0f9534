package dev.zerocopy.bsd;

import dev.zerocopy.emulated.EmulatedContract;
import dev.zerocopy.emulated.EmulatedOs;

/** The transfer contract on emulated macOS. */
class EmulatedMacOsContractTest extends EmulatedContract {
    @Override
    protected EmulatedOs os() {
        return EmulatedMacOs.OS;
    }
}
