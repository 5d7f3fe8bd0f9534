package dev.zerocopy.nio;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.FdAccess;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Routes one JDK {@link FileChannel} transfer through {@link ZeroCopyTransfer}, for both the agent and the
 * {@link ZeroCopyFileSystemProvider}'s channel wrapper. Each method returns the bytes transferred, or
 * {@code null} when the caller must run the JDK's own transfer instead:
 * <ul>
 *   <li>when the call would fail the JDK's argument and state checks (closed channels, wrong open mode,
 *       negative arguments): the JDK's body then throws exactly the JDK's exception;</li>
 *   <li>when the calling thread is already inside a routed transfer (a per-thread re-entry guard): the
 *       portable fallback calls {@code FileChannel.transferTo} itself, and loading a provider may touch
 *       files; nested calls get the JDK's body, so nothing recurses;</li>
 *   <li>when obtaining the provider fails with anything but a {@link VirtualMachineError} (a missing
 *       native library, a broken provider configuration): the failure is reported once through
 *       {@link System.Logger} and the hook stays off from then on.</li>
 * </ul>
 * A provider's transfer that fails with such an error (a call it binds on first use) may have moved bytes
 * already: that call fails with an {@link IOException} whose cause is the error, so that the JDK does not
 * send them again, and the hook is off from then on.
 * With those exceptions the result is {@link ZeroCopyTransfer}'s: the file's position is unchanged, a
 * non-blocking peer gives partial counts, and a blocking peer gets the whole count (the JDK may return any
 * prefix, so this only completes what it would have done in several calls).
 */
final class TransferHook {

    /** The hook of the file system provider: {@link ZeroCopyTransfer#load()}, per context class loader. */
    static final TransferHook SHARED = new TransferHook(ZeroCopyTransfer::load);

    private static final ThreadLocal<boolean[]> ROUTING = ThreadLocal.withInitial(() -> new boolean[1]);

    private final Supplier<ZeroCopyTransfer> providers;
    private volatile Throwable disabledBy;

    /**
     * Creates a hook.
     *
     * @param providers where the provider comes from; called on every routed transfer
     */
    TransferHook(Supplier<ZeroCopyTransfer> providers) {
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    /**
     * Tells whether the calling thread is inside a routed transfer.
     *
     * @return whether nested calls run the JDK's body
     */
    static boolean routing() {
        return ROUTING.get()[0];
    }

    /**
     * Returns the failure that switched this hook off.
     *
     * @return the failure, or {@code null} while the hook is on
     */
    Throwable disabledBy() {
        return disabledBy;
    }

    /**
     * Routes {@link FileChannel#transferTo}.
     *
     * @param source   a JDK file channel
     * @param position the position
     * @param count    the count
     * @param target   the target, already unwrapped
     * @return the bytes transferred, or {@code null} to run the JDK's own transfer
     * @throws IOException as {@link ZeroCopyTransfer#transfer(FileChannel, long, long, WritableByteChannel)}
     */
    Long transferTo(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        if (target == null || !source.isOpen() || !target.isOpen()
                || Boolean.FALSE.equals(FdAccess.readable(source))
                || target instanceof FileChannel && Boolean.FALSE.equals(FdAccess.writable(target))
                || position < 0 || count < 0) {
            return null;
        }
        return route(zc -> zc.transfer(source, position, count, target));
    }

    /**
     * Routes {@link FileChannel#transferFrom}.
     *
     * @param target   a JDK file channel
     * @param source   the source, already unwrapped
     * @param position the position
     * @param count    the count
     * @return the bytes transferred, or {@code null} to run the JDK's own transfer
     * @throws IOException as {@link ZeroCopyTransfer#transfer(ReadableByteChannel, FileChannel, long, long)}
     */
    Long transferFrom(FileChannel target, ReadableByteChannel source, long position, long count)
            throws IOException {
        if (source == null || !target.isOpen() || !source.isOpen()
                || Boolean.FALSE.equals(FdAccess.writable(target))
                || source instanceof FileChannel && Boolean.FALSE.equals(FdAccess.readable(source))
                || position < 0 || count < 0) {
            return null;
        }
        return route(zc -> zc.transfer(source, target, position, count));
    }

    /** One transfer by a provider. */
    @FunctionalInterface
    private interface Transfer {
        long run(ZeroCopyTransfer provider) throws IOException;
    }

    private Long route(Transfer transfer) throws IOException {
        boolean[] routing = ROUTING.get();
        if (routing[0] || disabledBy != null) {
            return null;
        }
        routing[0] = true;
        try {
            ZeroCopyTransfer provider;
            try {
                provider = providers.get();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                return disable(e);
            }
            try {
                return transfer.run(provider);
            } catch (IOException | RuntimeException | VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // A LinkageError and the like from a call the provider binds on first use: bytes may have
                // moved already, so the JDK must not run the transfer again; later transfers are the JDK's.
                disable(e);
                throw new IOException("zerocopy: the transfer failed midway in a native binding (bytes may"
                        + " have moved); FileChannel transfers use the JDK's own implementation from now on", e);
            }
        } finally {
            routing[0] = false;
        }
    }

    private Long disable(Throwable failure) {
        synchronized (this) {
            if (disabledBy != null) {
                return null;
            }
            disabledBy = failure;
        }
        System.getLogger("dev.zerocopy.nio").log(System.Logger.Level.WARNING,
                "zerocopy: FileChannel transfers use the JDK's own implementation from now on", failure);
        return null;
    }
}
