package dev.zerocopy.bsd;

import com.google.auto.service.AutoService;
import dev.zerocopy.Availability;
import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferFailedException;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.posix.PosixSystem;
import dev.zerocopy.posix.SocketSendLoop;
import dev.zerocopy.spi.AbstractZeroCopyTransfer;
import dev.zerocopy.spi.ChannelKind;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.TransferContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The FreeBSD and macOS provider: file to socket with {@code sendfile(2)} and, on FreeBSD 13 and later,
 * file to file with {@code copy_file_range(2)}. Every other pair is left to the portable copies. The
 * calls run through the shared {@link CopyLoop}; this class only picks them and, in {@link BsdSteps},
 * translates each system's progress reporting (FreeBSD's {@code sbytes}, macOS's {@code *len}).
 *
 * <p>Usable only when {@code os.name} is FreeBSD or macOS on a 64-bit JVM. Elsewhere nothing is bound:
 * the JNA bindings are registered the first time they are used on their own system, never when this
 * class is loaded or listed: the constructor only reads {@code os.name} and creates the binding objects,
 * whose natives live in nested holder classes that JNA registers when a call or {@link #availability()}
 * first needs them ({@link dev.zerocopy.posix.NativeBinding}).
 *
 * <p>Every call runs while the transfer holds both channels ({@link TransferContext#enter}): in the JDK's
 * own channel protocol where {@code java.base/sun.nio.ch} is open to this library, so that another
 * thread's write on the socket waits for the transfer and a close or interrupt signals a sleeping call out
 * of the kernel (EINTR with the bytes sent); otherwise on duplicates of the descriptors, under the socket's
 * write lock. Blocking sockets on duplicates: FreeBSD's and macOS's {@code sendfile} wait for socket-buffer
 * space with the socket's send timeout and, when it expires, return EAGAIN with the bytes sent so far in
 * {@code sbytes}/{@code *len} (FreeBSD kern_sendfile.c {@code sbwait}; xnu {@code sendfile}), so a one-tick
 * {@code SO_SNDTIMEO} keeps a call from sleeping in the kernel for longer than a loop tick
 * ({@link SocketSendLoop}). {@code SF_NODISKIO} bounds disk waits, not socket waits.
 */
@AutoService(ZeroCopyTransfer.class)
public final class BsdTransfer extends AbstractZeroCopyTransfer {

    /** The provider's name. */
    public static final String NAME = "bsd";

    /** Bytes asked of one {@code copy_file_range}: 1 GiB, so interrupts are observed between gigabytes. */
    static final long COPY_FILE_RANGE_CHUNK = 1L << 30;

    /** The running system's calls, {@code null} off FreeBSD and macOS. */
    private final BsdSteps steps;

    /** Creates the provider for the running system; nothing is bound until a transfer needs it. */
    public BsdTransfer() {
        this.steps = forRunningSystem();
    }

    /**
     * Creates a FreeBSD provider over the given C library (an emulated kernel, in tests).
     *
     * @param libc the library
     */
    public BsdTransfer(FreeBsdLibc libc) {
        this.steps = new FreeBsdSteps(libc);
    }

    /**
     * Creates a macOS provider over the given C library (an emulated kernel, in tests).
     *
     * @param libc the library
     */
    public BsdTransfer(MacOsLibc libc) {
        this.steps = new MacOsSteps(libc);
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
        BsdSteps s = steps;
        if (s == null) {
            return Availability.unusable("needs FreeBSD or macOS on a 64-bit JVM; " + PosixSystem.describeRunning());
        }
        String failure = s.libc().bindingFailure();
        if (failure != null) {
            return Availability.unusable(s.name() + " C library cannot be bound: " + failure);
        }
        return Availability.usable(s.name() + " sendfile(2)" + (s.hasCopyFileRange() ? ", copy_file_range(2)" : ""));
    }

    @Override
    protected long fileToChannel(FileChannel source, long position, long count, WritableByteChannel target,
            TransferContext context) throws IOException {
        BsdSteps s = steps;
        ChannelKind kind = ChannelKind.of(target);
        if (s == null) {
            return context.notHandled("bsd: not FreeBSD or macOS");
        }
        if (kind == ChannelKind.SOCKET) {
            return context.enter(s.libc()) ? SocketSendLoop.run("sendfile", s.sendfile(context.sourceFd(),
                    context.targetFd()), s.libc(), position, count, context)
                    : context.notHandled("sendfile: no file descriptor");
        }
        if (kind == ChannelKind.FILE) {
            return copyFileRange(s, source, position, (FileChannel) target, -1, count, context);
        }
        return context.notHandled("sendfile: the target is a " + kind.label() + ", not a socket");
    }

    @Override
    protected long channelToFile(ReadableByteChannel source, FileChannel target, long position, long count,
            TransferContext context) throws IOException {
        BsdSteps s = steps;
        if (s != null && source instanceof FileChannel file) {
            return copyFileRange(s, file, -1, target, position, count, context);
        }
        return context.notHandled(s == null ? "bsd: not FreeBSD or macOS"
                : "bsd: no system call reads a " + ChannelKind.of(source).label() + " into a file");
    }

    /**
     * copy_file_range between two files; {@code inAt} or {@code outAt} is {@code -1} for "the channel's
     * own position, advanced by the bytes copied", as {@code transferTo}/{@code transferFrom} do. The
     * positions are read before the channels are entered and written after the last call.
     */
    private static long copyFileRange(BsdSteps s, FileChannel in, long inAt, FileChannel out, long outAt,
            long count, TransferContext context) throws IOException {
        FileChannel advanced = inAt < 0 ? in : out;
        long inStart = inAt < 0 ? in.position() : inAt;
        long outStart = outAt < 0 ? out.position() : outAt;
        long start = advanced.position();
        if (!context.enter(s.libc())) {
            return context.notHandled("copy_file_range: no file descriptor");
        }
        String refusal = s.copyFileRangeRefusal(context.targetFd());
        if (refusal != null) {
            return context.notHandled("copy_file_range: " + refusal);
        }
        // The advanced channel's position is set with lseek on the held descriptor (the channel's own, or a
        // duplicate sharing its open file description): a call of the channel's position() inside the
        // registration would wait for this very transfer to leave if an interrupt closed the channel.
        int advancedFd = advanced == in ? context.sourceFd() : context.targetFd();
        long n;
        try {
            n = new CopyLoop("copy_file_range", s.copyFileRange(context.sourceFd(), context.targetFd(),
                    outStart - inStart), COPY_FILE_RANGE_CHUNK).run(inStart, count, Readiness.immediate(), context);
        } catch (IOException e) {
            if (e instanceof PartialTransfer partial) {
                s.libc().seek(advancedFd, start + partial.bytesTransferred());
            }
            throw e;
        }
        if (n > 0 && s.libc().seek(advancedFd, start + n) < 0) {
            int errno = s.libc().errno();
            throw new TransferFailedException("lseek", "errno " + errno, "cannot move the file position", n);
        }
        return n;
    }

    /** The running system's bindings, created (not yet bound) only on FreeBSD or macOS; else {@code null}. */
    private static BsdSteps forRunningSystem() {
        PosixSystem system = PosixSystem.running();
        if (system == PosixSystem.FREEBSD) {
            return new FreeBsdSteps(new JnaFreeBsdLibc());
        }
        return system == PosixSystem.MACOS ? new MacOsSteps(new JnaMacOsLibc()) : null;
    }
}
