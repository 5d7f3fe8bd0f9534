package dev.zerocopy.solaris;

import dev.zerocopy.emulated.EmulatedChannelProtocol;
import dev.zerocopy.emulated.EmulatedOs;

/** How the provider holds its channels on emulated Solaris, as other threads see it. */
class EmulatedSolarisChannelProtocolTest extends EmulatedChannelProtocol {
    @Override
    protected EmulatedOs os() {
        return EmulatedSolaris.OS;
    }
}
