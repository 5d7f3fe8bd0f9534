/**
 * Runs a provider's real code for another operating system on Linux: an emulated kernel implements that
 * system's C library interface (such as {@code FreeBsdLibc}) on real Linux descriptors, so bytes really
 * move (Linux {@code sendfile} and {@code copy_file_range}), while progress and errors are reported with
 * the emulated system's conventions and numbers ({@link dev.zerocopy.spi.Errno.Table}).
 *
 * <p>Key types: {@link dev.zerocopy.emulated.EmulatedKernel} (the shared part of every emulated kernel,
 * and the statistics tests assert on: calls, bytes, descriptors left open, "until end of file" requests),
 * {@link dev.zerocopy.emulated.EmulatedOs} (boots a fresh kernel), {@link dev.zerocopy.emulated.FaultPlan}
 * (short calls, errors before or with progress), {@link dev.zerocopy.emulated.LinuxHost} (the host calls),
 * {@link dev.zerocopy.emulated.EmulatedContract} (the spi contract suite per emulated system),
 * {@link dev.zerocopy.emulated.EmulatedChannelProtocol} (what other threads see of a transfer: their own
 * writes on its socket, closes, interrupts),
 * {@link dev.zerocopy.emulated.SeedScenarios} with {@link dev.zerocopy.emulated.BrokenLoop} (each
 * scenario must catch a deliberately broken loop), {@link dev.zerocopy.emulated.NetworkCopy} and
 * {@link dev.zerocopy.emulated.NativeRegistrations} (which binding classes JNA registered: none, off the
 * provider's own system). The emulated kernels themselves live in each provider's tests.
 */
package dev.zerocopy.emulated;
