package dev.zerocopy.bsd;

import dev.zerocopy.emulated.EmulatedChannelProtocol;
import dev.zerocopy.emulated.EmulatedOs;

/** How the provider holds its channels on emulated FreeBSD 13, as other threads see it. */
class EmulatedFreeBsdChannelProtocolTest extends EmulatedChannelProtocol {
    @Override
    protected EmulatedOs os() {
        return EmulatedFreeBsd.OS;
    }
}
