package dev.zerocopy.emulated;

import dev.zerocopy.TransferFailedException;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;

/**
 * The two loop bugs this project was started to end, re-created on purpose (test only) so that the seed
 * regression tests can show they catch them: a scenario must fail with a broken loop and pass with
 * {@link dev.zerocopy.spi.CopyLoop}.
 */
public enum BrokenLoop {

    /** Returns after the first step that moved bytes: the BSD loop that "worked" for small files. */
    STOPS_AFTER_FIRST_CHUNK,

    /** Looks at the error before the bytes: macOS's EAGAIN after a full chunk becomes a failure. */
    ERROR_BEFORE_BYTES;

    /**
     * Runs the broken loop.
     *
     * @param step     the provider's step
     * @param position the first position
     * @param count    the bytes wanted
     * @param maxChunk the most bytes per step
     * @return the bytes the broken loop claims
     * @throws IOException what the broken loop throws
     */
    public long run(TransferStep step, long position, long count, long maxChunk) throws IOException {
        StepResult result = new StepResult();
        long written = 0;
        while (written < count) {
            step.run(position + written, Math.min(count - written, maxChunk), result.moved(0));
            Errno errno = result.errno();
            if (this == ERROR_BEFORE_BYTES && errno != Errno.NONE && errno != Errno.EINTR) {
                throw new TransferFailedException("sendfile", errno.name(), errno.description(), written);
            }
            written += result.bytes();
            if (this == STOPS_AFTER_FIRST_CHUNK && result.bytes() > 0) {
                return written;
            }
            if (result.bytes() == 0 && errno == Errno.NONE) {
                return written;
            }
        }
        return written;
    }
}
