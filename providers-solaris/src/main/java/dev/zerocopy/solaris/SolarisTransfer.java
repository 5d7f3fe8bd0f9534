package dev.zerocopy.solaris;

import com.google.auto.service.AutoService;
import dev.zerocopy.Availability;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.posix.PosixSystem;
import dev.zerocopy.spi.AbstractZeroCopyTransfer;
import dev.zerocopy.spi.ChannelKind;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.FdRef;
import dev.zerocopy.spi.PollReadiness;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.SocketTimeout;
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
 * constructor only reads {@code os.name}, and the natives live in nested holder classes that JNA
 * registers when a call or {@link #availability()} first needs them ({@link dev.zerocopy.posix.NativeBinding}). Blocking sockets: see
 * {@link SocketTimeout}.
 */
@AutoService(ZeroCopyTransfer.class)
public final class SolarisTransfer extends AbstractZeroCopyTransfer {

    /** The provider's name. */
    public static final String NAME = "solaris";

    /**
     * Bytes asked of one {@code sendfile}: it sleeps again for buffer space whenever the peer reads, so the
     * chunk bounds how long one call runs into a slow peer; 4 MiB keeps the per-call cost negligible (Go's
     * maxSendfileSize on Solaris, for the same reason).
     */
    static final long SENDFILE_CHUNK = 4L << 20;

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
            return notHandled(context, "solaris: not SunOS");
        }
        if (ChannelKind.of(target) != ChannelKind.SOCKET) {
            return notHandled(context, "sendfile: the target is a " + ChannelKind.of(target).label() + ", not a socket");
        }
        try (FdRef file = FdRef.acquire(source, c); FdRef socket = FdRef.acquire(target, c)) {
            if (file == null || socket == null) {
                return notHandled(context, "sendfile: no file descriptor");
            }
            return SocketTimeout.runBounded(new CopyLoop("sendfile",
                    new SolarisSendfile(c, source, file.fd(), socket.fd()), SENDFILE_CHUNK), c.sendTimeout(),
                    socket.fd(), position, count, new PollReadiness(c, socket.fd(), Readiness.POLLOUT), context);
        }
    }

    private static long notHandled(TransferContext context, String reason) {
        context.notHandled(reason);
        return CopyLoop.NOT_HANDLED;
    }
}
