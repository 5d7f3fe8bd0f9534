package dev.zerocopy.bsd;

import dev.zerocopy.emulated.EmulatedChannelProtocol;
import dev.zerocopy.emulated.EmulatedOs;

/** How the provider holds its channels on emulated macOS, as other threads see it. */
class EmulatedMacOsChannelProtocolTest extends EmulatedChannelProtocol {
    @Override
    protected EmulatedOs os() {
        return EmulatedMacOs.OS;
    }
}
