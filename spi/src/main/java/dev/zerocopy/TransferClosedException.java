package dev.zerocopy;

import java.nio.channels.AsynchronousCloseException;

/**
 * Another thread closed one of the channels during a transfer. Tells how many bytes were transferred
 * before the close was observed.
 */
public class TransferClosedException extends AsynchronousCloseException implements PartialTransfer {

    private static final long serialVersionUID = 1L;

    private final long bytesTransferred;

    /**
     * Creates the exception.
     *
     * @param bytesTransferred the number of bytes transferred before the close was observed
     */
    public TransferClosedException(long bytesTransferred) {
        this.bytesTransferred = bytesTransferred;
    }

    @Override
    public String getMessage() {
        return "channel closed by another thread after " + bytesTransferred + " bytes";
    }

    @Override
    public long bytesTransferred() {
        return bytesTransferred;
    }
}
