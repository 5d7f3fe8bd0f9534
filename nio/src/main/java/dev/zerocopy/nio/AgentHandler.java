package dev.zerocopy.nio;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The targets of the {@link BootstrapBridge}'s method handles: pass the JDK channel's calls to
 * {@link TransferHook#SHARED}. A {@code null} result lets the JDK's own body run.
 */
final class AgentHandler {

    private AgentHandler() {
    }

    static Long transferTo(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        return TransferHook.SHARED.transferTo(source, position, count, target);
    }

    static Long transferFrom(FileChannel target, ReadableByteChannel source, long position, long count)
            throws IOException {
        return TransferHook.SHARED.transferFrom(target, source, position, count);
    }
}
