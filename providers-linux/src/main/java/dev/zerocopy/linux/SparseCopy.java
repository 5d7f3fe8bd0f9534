package dev.zerocopy.linux;

import dev.zerocopy.PartialTransfer;
import dev.zerocopy.TransferFailedException;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferContext;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A file-to-file copy that keeps the source's holes, as {@code cp} does: the data extents are found with
 * {@code lseek(SEEK_DATA)}/{@code lseek(SEEK_HOLE)} and copied with {@code copy_file_range}; the holes
 * between them are not written, and the target is extended to the full length at the end. The JDK's
 * {@code transferTo} writes every zero of a hole.
 *
 * <p>Taken only where the result is the same as a dense copy's: the target range lies wholly at or
 * beyond the target's end (where unwritten bytes read as zeros), the copy is at least
 * {@link #MIN_COUNT}, and the source has a hole in the range. The extents are walked on a descriptor of
 * its own ({@code /proc/self/fd/N} opened again), so the channel's file position never moves.
 */
final class SparseCopy {

    private static final int SEEK_SET = 0;
    private static final int SEEK_END = 2;

    /** Below this, looking for holes costs more than it can save. */
    static final long MIN_COUNT = 1 << 20;


    private SparseCopy() {
    }

    /**
     * What a sparse copy would cover: {@code [sourceStart, end)} of the source to {@code targetStart} of the
     * target. Planned through the channels before the transfer enters them (a channel's own
     * {@code position()} or {@code size()} inside the registration would replace the transfer's interrupt
     * hook with its own).
     */
    record Plan(long sourceStart, long targetStart, long end) {
    }

    /**
     * Plans a copy of {@code count} bytes between two files, one read or written at {@code position} (the
     * positional side), the other at its own position.
     *
     * @return the plan, or {@code null} where the copy cannot or need not keep holes
     */
    static Plan plan(FileChannel source, FileChannel target, boolean sourcePositional, long position,
            long count) {
        if (!Syscalls.COPY_FILE_RANGE_AVAILABLE || count < MIN_COUNT) {
            return null;
        }
        try {
            long sourceStart = sourcePositional ? position : source.position();
            long targetStart = sourcePositional ? target.position() : position;
            long end = sourceStart + Math.min(count, Math.max(0, source.size() - sourceStart));
            if (end - sourceStart < MIN_COUNT || targetStart < target.size()) {
                return null;
            }
            return new Plan(sourceStart, targetStart, end);
        } catch (IOException e) {
            return null;    // not a seekable file (a FIFO, a terminal): no holes to keep
        }
    }

    /**
     * Copies as planned, keeping holes, or declines; moves the non-positional side's file position by what
     * it copied, as {@code transferTo}/{@code transferFrom} do.
     *
     * @return the bytes transferred (holes included), or {@link CopyLoop#NOT_HANDLED} when the source has
     *         no hole in the range or holes cannot be kept; nothing has been written then
     */
    static long copy(Plan plan, Offsets offsets, End in, End out, TransferContext context) throws IOException {
        int walker = Syscalls.open(offsets, "/proc/self/fd/" + in.fd(), LinuxLibc.O_RDONLY | LinuxLibc.O_CLOEXEC);
        if (walker < 0) {
            return CopyLoop.NOT_HANDLED;
        }
        try {
            long firstHole = Syscalls.lseek(offsets, walker, plan.sourceStart(), LinuxLibc.SEEK_HOLE);
            if (firstHole < 0 || firstHole >= plan.end()) {
                return CopyLoop.NOT_HANDLED;                 // dense, or no SEEK_HOLE here
            }
            // The descriptors share the channels' open file description (in the JDK's protocol they are
            // the channels' own), so lseek moves the position the channel reports, also after a failure.
            End moved = in.positional() ? out : in;
            long from = in.positional() ? plan.targetStart() : plan.sourceStart();
            long done;
            try {
                done = copyExtents(offsets, walker, in.fd(), out.fd(), plan.sourceStart(), plan.targetStart(),
                        plan.end(), context);
            } catch (IOException e) {
                if (e instanceof PartialTransfer partial) {
                    Syscalls.lseek(offsets, moved.fd(), from + partial.bytesTransferred(), SEEK_SET);
                }
                throw e;
            }
            if (done == CopyLoop.NOT_HANDLED) {
                return done;
            }
            context.mechanism("copy_file_range");
            long length = plan.targetStart() + done;
            if (LinuxFds.INSTANCE.fileSize(out.fd()) < length && Syscalls.ftruncate(offsets, out.fd(), length) != 0) {
                fail("ftruncate", Syscalls.fdErrno(offsets), done);
            }
            if (Syscalls.lseek(offsets, moved.fd(), from + done, SEEK_SET) < 0) {
                fail("lseek", Syscalls.fdErrno(offsets), done);
            }
            return done;
        } finally {
            Syscalls.close(offsets, walker);
        }
    }

    private static void fail(String call, int errno, long done) throws TransferFailedException {
        throw new TransferFailedException(call, LinuxErrno.TABLE.of(errno).name(),
                LinuxErrno.TABLE.of(errno).description(), done);
    }

    /**
     * Copies each data extent of [start, end) to the same distance from {@code targetStart}, through the one
     * copy loop (which observes closes and interrupts between calls); returns the length, or
     * {@link CopyLoop#NOT_HANDLED} if the first copy declined before anything was written.
     */
    private static long copyExtents(Offsets offsets, int walker, int in, int out, long start, long targetStart,
            long end, TransferContext context) throws IOException {
        ExtentStep step = new ExtentStep(offsets, walker, in, out, targetStart - start, start);
        // No chunk limit of the loop's own: a step covers a hole and the data after it (the kernel bounds
        // each copy to MAX_RW_COUNT), so a leading hole never counts before the first copy is accepted.
        return CopyLoop.copy("copy_file_range", step, Long.MAX_VALUE, start, end - start, Readiness.immediate(),
                context);
    }

    /**
     * One step of a sparse copy: from the position, skips the hole up to the next data (counted as moved,
     * not written) and copies from there to the end of that data extent with {@code copy_file_range}, the
     * target at the same distance from its start. The hole before a copy counts only once the copy has
     * moved bytes, so a first copy that declines reports nothing moved and the pair is not handled; a count
     * therefore ends in a hole only at the end of the range or of the file. Past a file that shrank, a step
     * moves nothing: the loop's end of the source.
     */
    private static final class ExtentStep implements TransferStep {
        private final Offsets offsets;
        private final int walker;
        private final End in;
        private final End out;
        private final long shift;
        private final long start;

        ExtentStep(Offsets offsets, int walker, int in, int out, long shift, long start) {
            this.offsets = offsets;
            this.walker = walker;
            this.in = new End(in, true, false);
            this.out = new End(out, true, false);
            this.shift = shift;
            this.start = start;
        }

        @Override
        public void run(long position, long count, StepResult result) throws IOException {
            long limit = position + count;
            long data = Syscalls.lseek(offsets, walker, position, LinuxLibc.SEEK_DATA);
            if (data < 0) {
                int errno = Syscalls.fdErrno(offsets);
                if (errno != LinuxLibc.ENXIO) {
                    fail("lseek(SEEK_DATA)", errno, position - start);
                }
                // ENXIO: no data from here: a hole up to the file's end, or the end itself (the file shrank,
                // and the copy ends there, as a dense copy would)
                long size = Syscalls.lseek(offsets, walker, 0, SEEK_END);
                if (size < 0) {
                    fail("lseek(SEEK_END)", Syscalls.fdErrno(offsets), position - start);
                }
                result.moved(Math.max(0, Math.min(limit, size) - position));
                return;
            }
            if (data >= limit) {
                result.moved(limit - position);              // a hole to the end of this step
                return;
            }
            long hole = Syscalls.lseek(offsets, walker, data, LinuxLibc.SEEK_HOLE);
            if (hole < 0) {
                fail("lseek(SEEK_HOLE)", Syscalls.fdErrno(offsets), position - start);
            }
            long n = Syscalls.copyFileRange(offsets, in.fd(), offsets.in(in, data), out.fd(),
                    offsets.out(out, data + shift), Math.min(hole, limit) - data, 0);
            if (n > 0) {
                result.moved(data - position + n);
            } else if (n < 0) {
                int errno = Syscalls.errno(offsets);
                Errno error = LinuxErrno.TABLE.of(errno);
                // copy_file_range(2): EBADF means "fd_out is open for appending (O_APPEND)"
                result.failed(error == Errno.EBADF ? Errno.EOPNOTSUPP : error, errno);
            }
            // n == 0: the source ended inside what was data (it shrank): the loop's end of the source
        }
    }
}
