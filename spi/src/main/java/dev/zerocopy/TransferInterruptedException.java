package dev.zerocopy;

import java.nio.channels.ClosedByInterruptException;

/**
 * The invoking thread was interrupted during a transfer; both channels have been closed, as
 * {@link ClosedByInterruptException} requires. Tells how many bytes were transferred before.
 */
public class TransferInterruptedException extends ClosedByInterruptException implements PartialTransfer {

    private static final long serialVersionUID = 1L;

    private final long bytesTransferred;

    /**
     * Creates the exception.
     *
     * @param bytesTransferred the number of bytes transferred before the interrupt was observed
     */
    public TransferInterruptedException(long bytesTransferred) {
        this.bytesTransferred = bytesTransferred;
    }

    @Override
    public String getMessage() {
        return "interrupted after " + bytesTransferred + " bytes; channels closed";
    }

    @Override
    public long bytesTransferred() {
        return bytesTransferred;
    }
}
