/**
 * The C library shell zerocopy's native providers share: {@link dev.zerocopy.posix.PosixLibc} (the calls
 * besides the copy calls: {@code dup}, {@code close}, {@code poll}, a socket's send timeout), its JNA
 * implementation {@link dev.zerocopy.posix.JnaPosixLibc} (one {@code struct pollfd} packing,
 * {@link dev.zerocopy.spi.PollFd}; one set of prototypes for every system), each system's constants
 * ({@link dev.zerocopy.posix.PosixSystem}, which also detects the running system without binding), the
 * one lazy-binding idiom ({@link dev.zerocopy.posix.NativeBinding}: natives live in holder classes that are
 * registered on first use, their failure remembered), and {@link dev.zerocopy.posix.SocketSendLoop}, the
 * copy loop of a call into a socket with the bound each channel protocol needs.
 *
 * <p>The route: a provider detects its system in its constructor ({@link dev.zerocopy.posix.PosixSystem#running()}),
 * creates a subclass of {@code JnaPosixLibc} that adds its copy calls in holder classes, asks
 * {@link dev.zerocopy.posix.PosixLibc#bindingFailure()} in its availability check, passes the library
 * to {@link dev.zerocopy.spi.TransferContext#enter(dev.zerocopy.spi.FdOps)}, and runs its copy call into a
 * socket with {@code SocketSendLoop}.
 */
package dev.zerocopy.posix;
