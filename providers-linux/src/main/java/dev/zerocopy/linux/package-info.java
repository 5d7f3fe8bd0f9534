/**
 * The Linux provider, {@link dev.zerocopy.linux.LinuxTransfer}: picks the system call for a pair of
 * channels and runs it through the toolkit's copy loop.
 *
 * <ul>
 *   <li>{@code SyscallStep}: one call of {@code sendfile64}, {@code splice} (one end a pipe) or
 *       {@code copy_file_range}, with the offsets in pooled native memory ({@code Offsets}).</li>
 *   <li>{@code PipedSpliceStep}: two splices through a pooled kernel pipe ({@code PipePool},
 *       {@code KernelPipe}) for socket → file and socket → socket.</li>
 *   <li>{@code SparseCopy}: file → file keeping the source's holes, where the target range is new.</li>
 *   <li>{@code Syscalls}: the three calls that move bytes and the few others a transfer makes (pooled
 *       pipes, reads past TCP urgent data, the sparse copy's walk), through {@code java.lang.foreign} on
 *       JDK 22+ with native access ({@code ForeignLinker}, handles built by reflection so the jar stays
 *       Java 17), else through JNA; with the JDK's channel protocol too, JNA is then never loaded;</li>
 *   <li>{@code LinuxLibc} and {@code CopyFileRange}: the same calls through JNA direct mapping;
 *       {@code LinuxFds}: the shared {@code dev.zerocopy.posix} shell ({@code dup}, {@code close}, {@code poll},
 *       the socket timeouts) for transfers
 *       that hold their channels on duplicates; {@code LinuxErrno}: Linux's error numbers.</li>
 * </ul>
 * From {@code transfer} to {@code sendfile64} for file → socket: {@code AbstractZeroCopyTransfer.routed},
 * {@code LinuxTransfer.fileToChannel}, {@code CopyLoop.run}, {@code CopyLoop.loop},
 * {@code SyscallStep.run}, {@code Syscalls.sendfile}.
 */
package dev.zerocopy.linux;
