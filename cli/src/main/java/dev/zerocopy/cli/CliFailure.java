package dev.zerocopy.cli;

import java.io.IOException;

/**
 * A command failed for a reason the user can act on; the message is the complete line to print, such
 * as {@code "cannot connect to 127.0.0.1:9: Connection refused"}. Leads to exit code 1.
 */
public final class CliFailure extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message the line to print, naming the file or address and the cause
     */
    public CliFailure(String message) {
        super(message);
    }

    /**
     * Creates the failure from what was being done and the exception that stopped it.
     *
     * @param context what was being done, such as {@code "cannot read /tmp/x"}
     * @param cause   the exception; described with {@link Failures#describe(Throwable)}, without the
     *                file name if the context names it already
     */
    public CliFailure(String context, Throwable cause) {
        super(context + ": " + Failures.describeAfter(context, cause), cause);
    }
}
