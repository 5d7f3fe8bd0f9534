package dev.zerocopy.solaris;

import dev.zerocopy.emulated.EmulatedContract;
import dev.zerocopy.emulated.EmulatedOs;

/** The transfer contract on emulated Solaris. */
class EmulatedSolarisContractTest extends EmulatedContract {
    @Override
    protected EmulatedOs os() {
        return EmulatedSolaris.OS;
    }
}
