/**
 * Existing NIO code through {@link dev.zerocopy.ZeroCopyTransfer}, without source changes, two ways.
 *
 * <p>The agent: {@link dev.zerocopy.nio.ZeroCopyAgent} ({@code -javaagent}) loads {@code AgentInstaller} in
 * its own module layer, which defines the
 * {@code BootstrapBridge} in the JDK's {@code sun.nio.ch} and retransforms {@code FileChannelImpl} with
 * {@code FileChannelAdvice}: its {@code transferTo}/{@code transferFrom} call the bridge's method handles,
 * which reach {@code AgentHandler} and then {@code TransferHook}; a {@code null} answer runs the JDK's own
 * body.
 *
 * <p>The file system provider: {@link dev.zerocopy.nio.ZeroCopyFileSystemProvider}
 * ({@code -Djava.nio.file.spi.DefaultFileSystemProvider=...}) wraps the JDK's default file system
 * ({@code ZeroCopyFileSystem}, {@code ZeroCopyPath}, {@code ZeroCopyDirectoryStream},
 * {@code ZeroCopyWatchService}) and hands out {@code ZeroCopyFileChannel}s, whose transfers go to a
 * {@code TransferHook}.
 *
 * <p>{@code TransferHook} leaves the JDK's argument and state checks to the JDK, guards against
 * re-entry, and calls {@link dev.zerocopy.ZeroCopyTransfer} with the JDK channels of both ends.
 * {@code AgentLayer} runs the agent's copy of the library in a module layer of its own, the only module the
 * agent opens {@code sun.nio.ch} to and enables native access for.
 */
package dev.zerocopy.nio;
