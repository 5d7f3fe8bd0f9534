package dev.zerocopy.linux;

import dev.zerocopy.TransferFailedException;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.TransferContext;
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

    /** Below this, looking for holes costs more than it can save. */
    static final long MIN_COUNT = 1 << 20;

    private SparseCopy() {
    }

    /**
     * Copies, keeping holes, or declines.
     *
     * @return the bytes transferred (holes included), or {@link CopyLoop#NOT_HANDLED} when the copy is not
     *         sparse or cannot keep holes; nothing has been written then
     */
    static long copy(FileChannel source, FileChannel target, End in, End out, long position, long count,
            TransferContext context) throws IOException {
        if (!Syscalls.COPY_FILE_RANGE_AVAILABLE) {
            return CopyLoop.NOT_HANDLED;
        }
        long sourceStart;
        long targetStart;
        long end;
        try {
            sourceStart = in.positional() ? position : source.position();
            targetStart = out.positional() ? position : target.position();
            end = sourceStart + Math.min(count, Math.max(0, source.size() - sourceStart));
            if (end - sourceStart < MIN_COUNT || targetStart < target.size()) {
                return CopyLoop.NOT_HANDLED;
            }
        } catch (IOException e) {
            return CopyLoop.NOT_HANDLED;    // not a seekable file (a FIFO, a terminal): no holes to keep
        }
        int walker = LinuxLibc.open("/proc/self/fd/" + in.fd(), LinuxLibc.O_RDONLY | LinuxLibc.O_CLOEXEC);
        if (walker < 0) {
            return CopyLoop.NOT_HANDLED;
        }
        try {
            long firstHole = LinuxLibc.lseek(walker, sourceStart, LinuxLibc.SEEK_HOLE);
            if (firstHole < 0 || firstHole >= end) {
                return CopyLoop.NOT_HANDLED;                 // dense, or no SEEK_HOLE here
            }
            long done = copyExtents(walker, in.fd(), out.fd(), sourceStart, targetStart, end, context);
            if (done == CopyLoop.NOT_HANDLED) {
                return done;
            }
            context.mechanism("copy_file_range");
            long length = targetStart + done;
            if (target.size() < length && LinuxLibc.ftruncate(out.fd(), length) != 0) {
                int errno = LinuxErrno.last();
                throw new TransferFailedException("ftruncate", LinuxErrno.TABLE.of(errno).name(),
                        LinuxErrno.TABLE.of(errno).description(), done);
            }
            if (in.positional()) {
                target.position(targetStart + done);
            } else {
                source.position(sourceStart + done);
            }
            return done;
        } finally {
            LinuxFds.INSTANCE.close(walker);
        }
    }

    /**
     * Copies each data extent of [start, end) to the same distance from {@code targetStart}; returns the
     * length, or {@link CopyLoop#NOT_HANDLED} if the first call declined before anything was written.
     */
    private static long copyExtents(int walker, int in, int out, long start, long targetStart, long end,
            TransferContext context) throws IOException {
        Offsets offsets = Offsets.current();
        End reading = new End(in, true, false);
        End writing = new End(out, true, false);
        long offset = start;
        boolean wrote = false;
        while (offset < end) {
            context.guard().check(offset - start);
            long data = LinuxLibc.lseek(walker, offset, LinuxLibc.SEEK_DATA);
            if (data < 0 || data >= end) {
                break;                                       // ENXIO: only a hole remains
            }
            long hole = Math.min(end, LinuxLibc.lseek(walker, data, LinuxLibc.SEEK_HOLE));
            while (data < hole) {
                long n = Syscalls.copyFileRange(offsets, in, offsets.in(reading, data), out,
                        offsets.out(writing, targetStart + data - start), hole - data, 0);
                if (n > 0) {
                    data += n;
                    wrote = true;
                    continue;
                }
                int errno = n < 0 ? Syscalls.errno(offsets) : 0;
                Errno error = LinuxErrno.TABLE.of(errno);
                if (n < 0 && error == Errno.EINTR) {
                    continue;
                }
                if (n < 0 && !wrote && (error == Errno.EBADF || error.meansNotHandled())) {
                    return CopyLoop.NOT_HANDLED;        // EBADF: an O_APPEND target (copy_file_range(2))
                }
                context.guard().check(data - start);
                throw new TransferFailedException("copy_file_range", n == 0 ? "EIO" : LinuxErrno.TABLE.of(errno).name(),
                        n == 0 ? "the source ended inside a data extent" : LinuxErrno.TABLE.of(errno).description(),
                        data - start);
            }
            offset = hole;
        }
        return end - start;
    }
}
