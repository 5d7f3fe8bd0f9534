/**
 * The Solaris and illumos provider, {@link dev.zerocopy.solaris.SolarisTransfer}: file to socket with
 * {@code sendfile(3EXT)} from libsendfile; every other pair falls back to the portable copies.
 *
 * <p>The route: {@code SolarisTransfer.fileToChannel} enters both channels
 * ({@link dev.zerocopy.spi.TransferContext#enter}: the JDK's own channel protocol, or the socket's write
 * lock and duplicates of the descriptors, with a blocking socket's send timeout bounded to one loop tick,
 * {@link dev.zerocopy.spi.SocketTimeout}) and runs the shared {@link dev.zerocopy.spi.CopyLoop}, through
 * {@link dev.zerocopy.posix.SocketSendLoop}, over
 * {@code SolarisSendfile}, the step that reads the progress from {@code *off} and the error through
 * {@link dev.zerocopy.spi.Errno.Table#SOLARIS} (EINVAL after progress is the end of a file that shrank).
 *
 * <p>The C library is the interface {@link dev.zerocopy.solaris.SolarisLibc}, which extends the calls every
 * provider shares ({@link dev.zerocopy.posix.PosixLibc}); its JNA implementation {@code JnaSolarisLibc}
 * extends the shared shell {@link dev.zerocopy.posix.JnaPosixLibc} with libsendfile's call, in a nested
 * holder class that JNA registers only when a call first runs on Solaris. The tests implement the interface with an emulated kernel on Linux descriptors.
 */
package dev.zerocopy.solaris;
