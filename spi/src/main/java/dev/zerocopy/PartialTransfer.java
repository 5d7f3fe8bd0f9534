package dev.zerocopy;

/**
 * Implemented by the exceptions a transfer throws after it started: tells how many bytes reached the
 * target before the failure. A caller that resumes at {@code position + bytesTransferred()} neither
 * loses nor duplicates bytes.
 */
public interface PartialTransfer {

    /**
     * Returns the number of bytes that were transferred before the failure.
     *
     * @return a non-negative count
     */
    long bytesTransferred();
}
