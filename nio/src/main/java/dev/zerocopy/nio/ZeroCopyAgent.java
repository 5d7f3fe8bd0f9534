package dev.zerocopy.nio;

import java.lang.instrument.Instrumentation;

/**
 * The zerocopy Java agent: {@code java -javaagent:zerocopy.jar ...} makes every JDK {@link
 * java.nio.channels.FileChannel}'s {@code transferTo} and {@code transferFrom} (channels from {@code
 * FileChannel.open}, {@code Files.newByteChannel}, {@code FileInputStream}, {@code FileOutputStream} and
 * {@code RandomAccessFile} alike) ask {@link dev.zerocopy.ZeroCopyTransfer} first. The channel objects stay
 * the JDK's own, so native transports that read their fields and the JDK's internal fast paths keep
 * working.
 *
 * <p>On start the agent
 * <ol>
 *   <li>loads its jar as a module of a {@link ModuleLayer} of its own (see {@link AgentLayer}); the
 *       library, its providers and JNA run there, apart from the class path;</li>
 *   <li>opens {@code java.base/sun.nio.ch} and {@code java.base/java.io} to that module alone, so that
 *       {@link dev.zerocopy.spi.FdAccess} reads file descriptors in mode
 *       {@link dev.zerocopy.spi.FdAccess.Mode#OPENED OPENED} (no warnings);</li>
 *   <li>on JDK 22 and later, enables native access for that module alone, so that providers binding libc
 *       through JNA print no warning while every other library keeps the JDK's (off with
 *       {@code -Ddev.zerocopy.agent.nativeAccess=false});</li>
 *   <li>defines a tiny bridge class in the JDK's own package, visible to {@code FileChannelImpl} (see
 *       {@link BootstrapBridge});</li>
 *   <li>retransforms {@code sun.nio.ch.FileChannelImpl} with an entry advice that calls the bridge (see
 *       {@link FileChannelAdvice}); when the library does not take a call, the JDK's original body runs,
 *       which is also the library's own fallback, so nothing recurses.</li>
 * </ol>
 * A failure in any step is reported once through {@link System.Logger} and leaves the JDK's behaviour
 * unchanged; in normal operation the agent prints nothing. Starting it more than once has no further
 * effect. The provider is chosen on the first transfer, so no native library is loaded at start-up.
 */
public final class ZeroCopyAgent {

    private static volatile boolean active;

    private ZeroCopyAgent() {
    }

    /**
     * Entry point for {@code -javaagent} (and {@code Launcher-Agent-Class} uses {@link #agentmain}).
     *
     * @param arguments the agent arguments, ignored
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /**
     * Entry point for a dynamic attach and for an executable jar's {@code Launcher-Agent-Class}.
     *
     * @param arguments the agent arguments, ignored
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /**
     * Tells whether the agent instruments the JDK's file channels in this JVM.
     *
     * @return whether the agent is active
     */
    public static boolean isActive() {
        return active;
    }

    private static synchronized void install(Instrumentation instrumentation) {
        if (active) {
            return;
        }
        try {
            AgentLayer layer = AgentLayer.of(ZeroCopyAgent.class);
            layer.openJavaBase(instrumentation);
            layer.install(instrumentation);
            active = true;
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            System.getLogger("dev.zerocopy.nio").log(System.Logger.Level.WARNING,
                    "zerocopy agent not installed; FileChannel transfers stay the JDK's own", e);
        }
    }
}
