package dev.zerocopy;

import java.io.IOException;

/**
 * A system call failed during a transfer. The message names the call, the error and the number of
 * bytes transferred before it, for example {@code "sendfile failed with ECONNRESET (Connection reset
 * by peer) after 1048576 bytes"}.
 */
public class TransferFailedException extends IOException implements PartialTransfer {

    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final String errno;
    private final long bytesTransferred;

    /**
     * Creates the exception.
     *
     * @param syscall          the system call that failed, such as {@code "splice"}
     * @param errno            the symbolic error name, such as {@code "EPIPE"}
     * @param description      a human-readable description of the error, or {@code null}
     * @param bytesTransferred the number of bytes transferred before the failure
     */
    public TransferFailedException(String syscall, String errno, String description, long bytesTransferred) {
        super(syscall + " failed with " + errno + (description == null ? "" : " (" + description + ")")
                + " after " + bytesTransferred + " bytes");
        this.syscall = syscall;
        this.errno = errno;
        this.bytesTransferred = bytesTransferred;
    }

    /**
     * Wraps an exception thrown by a channel operation during a transfer.
     *
     * @param operation        what was being done, such as {@code "write"}
     * @param cause            the exception
     * @param bytesTransferred the number of bytes transferred before the failure
     */
    public TransferFailedException(String operation, IOException cause, long bytesTransferred) {
        super(operation + " failed after " + bytesTransferred + " bytes: " + cause.getMessage(), cause);
        this.syscall = operation;
        this.errno = null;
        this.bytesTransferred = bytesTransferred;
    }

    /**
     * Returns the system call or channel operation that failed.
     *
     * @return the name, such as {@code "sendfile"}
     */
    public String syscall() {
        return syscall;
    }

    /**
     * Returns the symbolic error name, such as {@code "ECONNRESET"}, or {@code null} if the failure was
     * a Java exception rather than a system call error.
     *
     * @return the error name or {@code null}
     */
    public String errno() {
        return errno;
    }

    @Override
    public long bytesTransferred() {
        return bytesTransferred;
    }
}
