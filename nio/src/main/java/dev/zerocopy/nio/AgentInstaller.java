package dev.zerocopy.nio;

import java.lang.instrument.Instrumentation;

/**
 * The agent's steps inside its own module layer (see {@link AgentLayer}), which by then has
 * {@code java.base/sun.nio.ch} open: enable native access for this module ({@link NativeAccess}), define
 * the {@link BootstrapBridge} in {@code sun.nio.ch}, point it at {@link AgentHandler}, and weave
 * {@link FileChannelAdvice} into {@code FileChannelImpl}. Nothing here loads a provider or a native
 * library.
 */
final class AgentInstaller {

    private AgentInstaller() {
    }

    /**
     * Instruments the JDK's file channels.
     *
     * @param instrumentation the JVM's instrumentation
     * @throws Exception if a step fails; {@code FileChannelImpl} is then unchanged
     */
    static void install(Instrumentation instrumentation) throws Exception {
        Class<?> fileChannelImpl = Class.forName(FileChannelAdvice.FILE_CHANNEL_IMPL);
        NativeAccess.enable(AgentInstaller.class.getModule(), fileChannelImpl);
        Class<?> bridge = BootstrapBridge.define(fileChannelImpl);
        BootstrapBridge.connect(bridge);
        FileChannelAdvice.install(instrumentation, fileChannelImpl);
    }
}
