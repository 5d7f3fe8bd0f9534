/**
 * The FreeBSD and macOS provider, {@link dev.zerocopy.bsd.BsdTransfer}: file to socket with
 * {@code sendfile(2)}, file to file with {@code copy_file_range(2)} on FreeBSD 13 and later; every other
 * pair falls back to the portable copies.
 *
 * <p>The route of a file-to-socket transfer: {@code BsdTransfer.fileToChannel} enters both channels
 * ({@link dev.zerocopy.spi.TransferContext#enter}: the JDK's own channel protocol, or the socket's write
 * lock and duplicates of the descriptors, with a blocking socket's send timeout bounded to one loop tick,
 * {@link dev.zerocopy.spi.SocketTimeout}) and runs the shared {@link dev.zerocopy.spi.CopyLoop}, through
 * {@link dev.zerocopy.posix.SocketSendLoop}, over the
 * step that {@code FreeBsdSteps} or {@code MacOsSteps} (both {@code BsdSteps}) make of the system's
 * {@code sendfile}: they translate FreeBSD's {@code sbytes} or macOS's {@code *len} and errno, read
 * through {@link dev.zerocopy.spi.Errno.Table#FREEBSD} or {@link dev.zerocopy.spi.Errno.Table#MACOS},
 * into a {@link dev.zerocopy.spi.StepResult}.
 *
 * <p>The C library is an interface per system, {@link dev.zerocopy.bsd.FreeBsdLibc} and
 * {@link dev.zerocopy.bsd.MacOsLibc}, each extending the calls every provider shares
 * ({@link dev.zerocopy.posix.PosixLibc}). Their JNA implementations ({@code JnaFreeBsdLibc},
 * {@code JnaMacOsLibc}) extend the shared shell {@link dev.zerocopy.posix.JnaPosixLibc} with the system's
 * copy calls, in nested holder classes that JNA registers only when a call first runs on FreeBSD or macOS
 * ({@link dev.zerocopy.posix.NativeBinding}); elsewhere nothing is bound.
 * The tests implement the same interfaces with emulated kernels on Linux descriptors.
 */
package dev.zerocopy.bsd;
