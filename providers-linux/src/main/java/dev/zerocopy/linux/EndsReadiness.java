package dev.zerocopy.linux;

import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.TransferContext;
import java.io.IOException;

/**
 * The wait after EAGAIN for a call between two ends: until the source is readable, then until the target
 * is writable, each only if it can report EAGAIN at all. The transfer's context waits the JDK's way where
 * it can (the channel's own park; a virtual thread unmounts).
 */
final class EndsReadiness implements Readiness {

    private final boolean source;
    private final boolean target;
    private final TransferContext context;

    EndsReadiness(End in, End out, TransferContext context) {
        this.source = in.pollable();
        this.target = out.pollable();
        this.context = context;
    }

    @Override
    public boolean await(int timeoutMillis) throws IOException {
        if (source && !context.awaitSource(timeoutMillis)) {
            return false;
        }
        return !target || context.awaitTarget(timeoutMillis);
    }
}
