package dev.zerocopy.bsd;

import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;

/** A step that remembers the last error it reported, to say why the loop returned "not handled". */
final class LastError implements TransferStep {

    private final TransferStep step;
    private String name = "no error";

    LastError(TransferStep step) {
        this.step = step;
    }

    @Override
    public void run(long position, long count, StepResult result) throws IOException {
        step.run(position, count, result);
        if (result.errno() != Errno.NONE) {
            name = result.errnoName();
        }
    }

    /**
     * Returns the last error's name.
     *
     * @return the name, such as {@code "ENOSYS"}
     */
    String name() {
        return name;
    }
}
