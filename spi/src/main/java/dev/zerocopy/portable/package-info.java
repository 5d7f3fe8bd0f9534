/**
 * The pure-Java provider, internal to the {@code dev.zerocopy} module (not exported).
 * {@link dev.zerocopy.portable.PortableTransfer} is always usable, has the lowest priority, and is what
 * {@link dev.zerocopy.ZeroCopyTransfer#load()} returns when no operating-system provider can work here.
 * It handles no pair itself: every transfer falls through to the toolkit's package-private
 * {@code dev.zerocopy.spi.PortableCopies}, which completes the JDK's own {@code transferTo}/{@code transferFrom}
 * into {@link dev.zerocopy.ZeroCopyTransfer}'s contract (the whole count for blocking channels, the JDK's
 * exceptions) and runs a direct-buffer loop, with buffers from a bounded pool, for pairs the JDK has
 * nothing better for; every provider falls back to these copies for the pairs its system calls do not
 * handle. The toolkit does not depend on this package.
 */
package dev.zerocopy.portable;
