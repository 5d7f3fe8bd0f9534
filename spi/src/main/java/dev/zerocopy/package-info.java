/**
 * The API: {@link dev.zerocopy.ZeroCopyTransfer} moves bytes between channels in the kernel where the
 * operating system can, with {@code FileChannel.transferTo}/{@code transferFrom}'s contract.
 *
 * <p>Key types and the route through them:
 * <ul>
 *   <li>{@link dev.zerocopy.ZeroCopyTransfer#load()} asks the package-private {@code ProviderLookup}: the
 *       provider named by {@code -Ddev.zerocopy.provider}, else the usable {@link java.util.ServiceLoader}
 *       provider of highest priority, else the portable one. {@link dev.zerocopy.ZeroCopyTransfer#providers}
 *       lists every provider found with its {@link dev.zerocopy.Availability} as
 *       {@link dev.zerocopy.ProviderStatus}es.</li>
 *   <li>A transfer returns the bytes moved. A failure after it started implements
 *       {@link dev.zerocopy.PartialTransfer} (how many bytes reached the target):
 *       {@link dev.zerocopy.TransferFailedException} (a system call failed: call, errno, bytes),
 *       {@link dev.zerocopy.TransferClosedException} (another thread closed a channel) and
 *       {@link dev.zerocopy.TransferInterruptedException} (the thread was interrupted; both channels are
 *       closed); the last two are the {@code AsynchronousCloseException} and {@code ClosedByInterruptException}
 *       NIO throws for the same events.</li>
 *   <li>{@link dev.zerocopy.JdkTransfers}: the JDK's own {@code transferTo}/{@code transferFrom} repeated
 *       until the count moved, the baseline a transfer is compared with.</li>
 * </ul>
 * Providers are written against {@link dev.zerocopy.spi}.
 */
package dev.zerocopy;
