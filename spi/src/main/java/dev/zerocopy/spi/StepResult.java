package dev.zerocopy.spi;

/**
 * What one {@link TransferStep} did: how many bytes it moved and which error it reported, together,
 * because several operating systems report progress <em>with</em> an error (FreeBSD's {@code sbytes}
 * with EAGAIN, macOS's {@code *len}, Solaris's advanced {@code *off}). A step must report exactly the
 * bytes that reached the target, no more and no fewer.
 *
 * <p>Instances are mutable and reused by the copy loop for every step of one transfer.
 */
public final class StepResult {

    private long bytes;
    private Errno errno = Errno.NONE;
    private int number;

    /** Creates an empty result. */
    public StepResult() {
    }

    /**
     * Records a step that moved bytes (possibly zero: end of source) without error.
     *
     * @param moved the bytes moved, non-negative
     * @return this
     */
    public StepResult moved(long moved) {
        return set(moved, Errno.NONE, 0);
    }

    /**
     * Records a step that failed without moving a byte.
     *
     * @param error  the error's name
     * @param number the operating system's error number, for messages
     * @return this
     */
    public StepResult failed(Errno error, int number) {
        return set(0, error, number);
    }

    /**
     * Records a step that moved bytes and also reported an error.
     *
     * @param moved  the bytes moved, non-negative
     * @param error  the error's name
     * @param number the operating system's error number, for messages
     * @return this
     */
    public StepResult set(long moved, Errno error, int number) {
        if (moved < 0) {
            throw new IllegalArgumentException("negative byte count " + moved);
        }
        this.bytes = moved;
        this.errno = error;
        this.number = number;
        return this;
    }

    /**
     * Returns the bytes moved.
     *
     * @return the count
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns the error reported, {@link Errno#NONE} if none.
     *
     * @return the error
     */
    public Errno errno() {
        return errno;
    }

    /**
     * Returns the operating system's error number, 0 if none.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * Returns the error's name for messages: the portable name, or {@code errno N} if unknown.
     *
     * @return the name
     */
    public String errnoName() {
        return errno == Errno.UNKNOWN ? "errno " + number : errno.name();
    }
}
