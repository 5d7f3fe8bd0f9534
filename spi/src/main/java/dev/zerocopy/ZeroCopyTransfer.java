package dev.zerocopy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * Moves bytes between channels inside the kernel where the operating system can, and with the JDK's
 * own transfer or a buffer loop where it cannot.
 *
 * <p>Obtain the best implementation for the running system with {@link #load()}; it never returns
 * {@code null} and is safe for use by multiple concurrent threads. Implementations are located with
 * {@link java.util.ServiceLoader}: see {@link #load(ClassLoader)} for the rules.
 *
 * <h2>Contract</h2>
 * The two positional methods follow {@link FileChannel#transferTo(long, long, WritableByteChannel)} and
 * {@link FileChannel#transferFrom(ReadableByteChannel, long, long)} of the <em>running</em> JDK: the file
 * channel's position is not modified, the same exceptions are thrown for the same reasons and in the same
 * order, a {@code transferTo} position beyond the file's size transfers nothing, and a
 * {@code transferFrom} position beyond the file's size grows the file on JDK 21 and later and transfers
 * nothing on earlier JDKs. A transfer moves at most the bytes its file source held when it started, so a
 * copy of a file into itself ends. A socket that is not connected throws
 * {@link java.nio.channels.NotYetConnectedException}; a socket source whose input was shut down is at its
 * end. They differ from the JDK in one respect, which is the reason this library exists:
 * <ul>
 *   <li>If the non-file channel of the pair is in <em>blocking mode</em> (or is not selectable), the
 *       method returns only when all {@code count} bytes were transferred or the source reached its end
 *       (end of file, end of stream). The JDK may return after any prefix.</li>
 *   <li>If it is in <em>non-blocking mode</em>, the method transfers as many bytes as can be transferred
 *       without blocking and returns that number, possibly zero, as NIO's non-blocking channels do.</li>
 * </ul>
 *
 * <p>If the invoking thread is interrupted while the transfer is in progress, both channels are closed
 * and a {@link java.nio.channels.ClosedByInterruptException} is thrown. If another thread closes either
 * channel meanwhile, an {@link java.nio.channels.AsynchronousCloseException} is thrown. Either exception,
 * and every {@link IOException} raised after some bytes have moved, implements {@link PartialTransfer},
 * which tells exactly how many bytes reached the target before the failure, so that a caller can resume
 * without losing or duplicating bytes.
 */
public interface ZeroCopyTransfer {

    /**
     * Returns the provider's short, unique name, such as {@code "linux"} or {@code "portable"}; it is the
     * value to give the {@code dev.zerocopy.provider} system property to select this provider.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * Returns this provider's rank among the usable providers; the highest wins. The portable provider
     * has {@link Integer#MIN_VALUE}; operating-system providers use positive values.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }

    /**
     * Tells whether this provider can work in the running JVM on the running operating system, and if
     * not, why. Must be cheap to call more than once and must not fail.
     *
     * @return the availability, never {@code null}
     */
    Availability availability();

    /**
     * Transfers bytes from the given file to the given writable channel, like
     * {@link FileChannel#transferTo(long, long, WritableByteChannel)}, but with this interface's
     * completion contract.
     *
     * @param source   the file to read from; its position is not changed
     * @param position the file position at which the transfer is to begin; must be non-negative
     * @param count    the maximum number of bytes to transfer; must be non-negative
     * @param target   the channel to write to
     * @return the number of bytes transferred, possibly zero
     * @throws IllegalArgumentException if {@code position} or {@code count} is negative
     * @throws java.nio.channels.NonReadableChannelException if the source was not opened for reading
     * @throws java.nio.channels.NonWritableChannelException if the target was not opened for writing
     * @throws java.nio.channels.ClosedChannelException if either channel is closed
     * @throws java.nio.channels.AsynchronousCloseException if another thread closes either channel
     *         while the transfer is in progress
     * @throws java.nio.channels.ClosedByInterruptException if the invoking thread is interrupted while
     *         the transfer is in progress; both channels are then closed
     * @throws IOException if some other I/O error occurs; see {@link PartialTransfer}
     */
    long transfer(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException;

    /**
     * Transfers bytes into the given file from the given readable channel, like
     * {@link FileChannel#transferFrom(ReadableByteChannel, long, long)}, but with this interface's
     * completion contract: from a blocking source, it returns only when {@code count} bytes were
     * written or the source reached end-of-stream. A position beyond the file's size grows the file on
     * JDK 21 and later, and transfers nothing on earlier JDKs, as the running JDK's method does.
     *
     * @param source   the channel to read from
     * @param target   the file to write to; its position is not changed
     * @param position the file position at which the transfer is to begin; must be non-negative
     * @param count    the maximum number of bytes to transfer; must be non-negative
     * @return the number of bytes transferred, possibly zero
     * @throws IllegalArgumentException if {@code position} or {@code count} is negative
     * @throws java.nio.channels.NonReadableChannelException if the source was not opened for reading
     * @throws java.nio.channels.NonWritableChannelException if the target was not opened for writing
     * @throws java.nio.channels.ClosedChannelException if either channel is closed
     * @throws java.nio.channels.AsynchronousCloseException if another thread closes either channel
     *         while the transfer is in progress
     * @throws java.nio.channels.ClosedByInterruptException if the invoking thread is interrupted while
     *         the transfer is in progress; both channels are then closed
     * @throws IOException if some other I/O error occurs; see {@link PartialTransfer}
     */
    long transfer(ReadableByteChannel source, FileChannel target, long position, long count)
            throws IOException;

    /**
     * Transfers all remaining bytes from {@code source} to {@code target}, like
     * {@link java.io.InputStream#transferTo(java.io.OutputStream)}. A {@link FileChannel} source is read
     * from its current position, which is advanced by the number of bytes transferred; a
     * {@link FileChannel} target is written at its current position, which is advanced likewise (or at
     * its end, if it was opened for appending).
     *
     * <p>With channels in blocking mode the method returns at end-of-stream. If either channel is in
     * non-blocking mode, it returns as soon as no more bytes can be read without blocking. Bytes already
     * taken from the source are never lost: between two non-file channels, up to one buffer or kernel pipe
     * of them (1 MiB at most) is always delivered before the method returns, which may mean waiting for a
     * non-blocking target to accept them.
     *
     * @param source the channel to read from
     * @param target the channel to write to
     * @return the number of bytes transferred, possibly zero
     * @throws java.nio.channels.NonReadableChannelException if the source was not opened for reading
     * @throws java.nio.channels.NonWritableChannelException if the target was not opened for writing
     * @throws java.nio.channels.ClosedChannelException if either channel is closed
     * @throws java.nio.channels.AsynchronousCloseException if another thread closes either channel
     *         while the transfer is in progress
     * @throws java.nio.channels.ClosedByInterruptException if the invoking thread is interrupted while
     *         the transfer is in progress; both channels are then closed
     * @throws IOException if some other I/O error occurs; see {@link PartialTransfer}
     */
    long transfer(ReadableByteChannel source, WritableByteChannel target) throws IOException;

    /**
     * Returns the best usable provider visible to the class loader that defined this interface or to the
     * calling thread's context class loader, chosen by the rules of {@link #load(ClassLoader)} once per
     * context class loader: a provider jar is found next to the library's jars wherever they are (the
     * class path, an executable jar's nested libraries, a web application's own class loader).
     *
     * @return the provider, never {@code null}
     * @throws java.util.ServiceConfigurationError if the {@code dev.zerocopy.provider} system property
     *         names a provider that is missing or unusable
     */
    static ZeroCopyTransfer load() {
        return ProviderLookup.cached();
    }

    /**
     * Returns the best usable provider visible to the given class loader, looked up anew:
     * <ol>
     *   <li>if the system property {@code dev.zerocopy.provider} is set, the provider of that
     *       {@linkplain #name() name}, which must exist and be usable, or this method fails;</li>
     *   <li>otherwise, among the providers {@link java.util.ServiceLoader} finds that report themselves
     *       {@linkplain Availability#usable() usable}, the one of highest {@linkplain #priority()
     *       priority};</li>
     *   <li>otherwise the portable pure-Java provider.</li>
     * </ol>
     *
     * @param loader the class loader to search, or {@code null} for the system class loader
     * @return the provider, never {@code null}
     * @throws java.util.ServiceConfigurationError if the {@code dev.zerocopy.provider} system property
     *         names a provider that is missing or unusable
     */
    static ZeroCopyTransfer load(ClassLoader loader) {
        return ProviderLookup.select(loader);
    }

    /**
     * Lists every provider visible to the given class loader, best first, with whether each is usable
     * here and why not.
     *
     * @param loader the class loader to search, or {@code null} for the system class loader
     * @return an unmodifiable list; it always contains the portable provider
     */
    static List<ProviderStatus> providers(ClassLoader loader) {
        return ProviderLookup.statuses(loader);
    }
}
