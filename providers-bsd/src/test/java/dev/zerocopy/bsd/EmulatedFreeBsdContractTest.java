package dev.zerocopy.bsd;

import dev.zerocopy.emulated.EmulatedContract;
import dev.zerocopy.emulated.EmulatedOs;

/** The transfer contract on emulated FreeBSD 13. */
class EmulatedFreeBsdContractTest extends EmulatedContract {
    @Override
    protected EmulatedOs os() {
        return EmulatedFreeBsd.OS;
    }
}
