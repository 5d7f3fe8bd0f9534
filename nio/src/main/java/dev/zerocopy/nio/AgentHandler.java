package dev.zerocopy.nio;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The targets of the {@link BootstrapBridge}'s method handles: pass the JDK channel's calls to the agent's
 * {@link TransferHook}. A {@code null} result lets the JDK's own body run.
 *
 * <p>The agent's hook takes its provider from the class loader that defined this class (the agent's own
 * module layer, see {@link AgentLayer}), chosen once on the first transfer. It ignores the thread's context
 * class loader on purpose: the application's loader may hold another copy of the library, whose providers
 * implement that copy's interface.
 */
final class AgentHandler {

    private static final TransferHook HOOK = new TransferHook(() -> Chosen.PROVIDER);

    private AgentHandler() {
    }

    static Long transferTo(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        return HOOK.transferTo(source, position, count, target);
    }

    static Long transferFrom(FileChannel target, ReadableByteChannel source, long position, long count)
            throws IOException {
        return HOOK.transferFrom(target, source, position, count);
    }

    /** The provider, chosen when the first transfer asks for it; a failure there switches the hook off. */
    private static final class Chosen {
        static final ZeroCopyTransfer PROVIDER = ZeroCopyTransfer.load(AgentHandler.class.getClassLoader());

        private Chosen() {
        }
    }
}
