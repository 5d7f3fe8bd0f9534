/**
 * The provider toolkit: what an operating system provider needs besides its system calls.
 *
 * <p>The route of one transfer, from the API to the kernel:
 * <ol>
 *   <li>{@link dev.zerocopy.spi.AbstractZeroCopyTransfer} checks the arguments in the JDK's order, makes a
 *       {@link dev.zerocopy.spi.TransferContext} and calls the provider's hook for the pair of channels
 *       ({@code fileToChannel}, {@code channelToFile} or {@code channelToChannel}).</li>
 *   <li>The hook {@linkplain dev.zerocopy.spi.TransferContext#enter(dev.zerocopy.spi.FdOps) enters} both
 *       channels: in the JDK's own channel protocol where {@code java.base/sun.nio.ch} is open to the library
 *       (registered as the JDK's own I/O is, so that its close and interrupt wake a sleeping call and no
 *       descriptor is released under it), else on duplicates of the descriptors with the channels' locks
 *       held ({@link dev.zerocopy.spi.FdRef}, {@link dev.zerocopy.spi.SocketTimeout}).
 *       {@link dev.zerocopy.spi.FdAccess} reads the descriptors and says which protocol is in use.</li>
 *   <li>The hook runs its {@link dev.zerocopy.spi.TransferStep} (one system call) through the one
 *       {@link dev.zerocopy.spi.CopyLoop}, whose rules (progress with an error, EINTR, EAGAIN, "not handled",
 *       failures with the byte count) are stated once, there. Errors are named through
 *       {@link dev.zerocopy.spi.Errno}; waits after EAGAIN are a {@link dev.zerocopy.spi.Readiness} (the
 *       channel's own park in the JDK's protocol, on the poller for a virtual thread);
 *       {@link dev.zerocopy.spi.ChannelGuard} turns closes and interrupts into NIO's exceptions with the
 *       count.</li>
 *   <li>The base class leaves the channels; if the hook did not handle the pair, the portable copies (the
 *       JDK's own transfers, then a direct-buffer loop whose blocking socket and pipe reads, and on Linux
 *       socket writes, wait in 50 ms ticks so that a close of either channel ends them) run; one JFR event
 *       {@code dev.zerocopy.Transfer} records the mechanism, the protocol and why faster ones were not
 *       used. {@link dev.zerocopy.spi.RecordedTransfers} reads it back.</li>
 * </ol>
 */
package dev.zerocopy.spi;
