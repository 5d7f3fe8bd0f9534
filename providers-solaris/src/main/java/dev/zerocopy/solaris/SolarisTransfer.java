package dev.zerocopy.solaris;

import com.google.auto.service.AutoService;
import dev.zerocopy.Availability;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.posix.PosixSystem;
import dev.zerocopy.posix.SocketSendLoop;
import dev.zerocopy.spi.AbstractZeroCopyTransfer;
import dev.zerocopy.spi.ChannelKind;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.TransferContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The Solaris/illumos provider: file to socket with sendfile(3EXT) from libsendfile, through the shared
 * {@link CopyLoop}; every other pair is left to the portable copies. This class only binds the call and
 * translates its progress reporting ({@code *off}, see {@link SolarisSendfile}).
 *
 * <p>{@code sendfilev(3EXT)} is not used: it adds header/trailer vectors and several files per call,
 * which a single file range does not need, and reports the same progress ({@code *xferred}) as
 * {@code *off}; it would add a binding without removing a system call.
 *
 * <p>Usable only when {@code os.name} is SunOS on a 64-bit JVM. Elsewhere nothing is bound: the
 * constructor only reads {@code os.name}, and the natives live in nested holder classes that JNA registers
 * when a call or {@link #availability()} first needs them ({@link dev.zerocopy.posix.NativeBinding}).
 *
 * <p>Every call runs while the transfer holds both channels ({@link TransferContext#enter}): in the JDK's
 * own channel protocol where {@code java.base/sun.nio.ch} is open to this library, so that another
 * thread's write on the socket waits for the transfer and a close or interrupt signals a sleeping call out
 * of the kernel (a partial count, or EINTR when nothing was sent: sendfile(3EXT)); otherwise on duplicates
 * of the descriptors, under the socket's write lock, with a blocking socket's send timeout bounded to one
 * tick for the transfer ({@link SocketSendLoop}).
 */
@AutoService(ZeroCopyTransfer.class)
public final class SolarisTransfer extends AbstractZeroCopyTransfer {

    /** The provider's name. */
    public static final String NAME = "solaris";

    /** The C library, {@code null} off Solaris. */
    private final SolarisLibc libc;

    /** Creates the provider for the running system; nothing is bound until a transfer needs it. */
    public SolarisTransfer() {
        this.libc = PosixSystem.running() == PosixSystem.SOLARIS ? new JnaSolarisLibc() : null;
    }

    /**
     * Creates the provider over the given C library (an emulated kernel, in tests).
     *
     * @param libc the library
     */
    public SolarisTransfer(SolarisLibc libc) {
        this.libc = libc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        SolarisLibc c = libc;
        if (c == null) {
            return Availability.unusable("needs Solaris or illumos (SunOS) on a 64-bit JVM; "
                    + PosixSystem.describeRunning());
        }
        String failure = c.bindingFailure();
        if (failure != null) {
            return Availability.unusable("libsendfile cannot be bound: " + failure);
        }
        return Availability.usable("Solaris sendfile(3EXT)");
    }

    @Override
    protected long fileToChannel(FileChannel source, long position, long count, WritableByteChannel target,
            TransferContext context) throws IOException {
        SolarisLibc c = libc;
        if (c == null) {
            return context.notHandled("solaris: not SunOS");
        }
        if (ChannelKind.of(target) != ChannelKind.SOCKET) {
            return context.notHandled("sendfile: the target is a " + ChannelKind.of(target).label() + ", not a socket");
        }
        if (!context.enter(c)) {
            return context.notHandled("sendfile: no file descriptor");
        }
        return SocketSendLoop.run("sendfile", new SolarisSendfile(c, context.sourceFd(), context.targetFd()),
                c, position, count, context);
    }
}
