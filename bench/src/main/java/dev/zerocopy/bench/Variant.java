package dev.zerocopy.bench;

/**
 * One way of doing a scenario's copy.
 *
 * @param kind     which contender it is, for the target ratios
 * @param label    the name shown in the table
 * @param external whether it runs in another process (its CPU time is that process's own)
 * @param trial    one run of it
 */
public record Variant(Kind kind, String label, boolean external, Trial trial) {

    /** The contenders. */
    public enum Kind {
        /** {@link dev.zerocopy.ZeroCopyTransfer} called directly. */
        ZEROCOPY,
        /** The JDK's own transfer methods. */
        JDK,
        /** The 256 KiB direct-buffer loop. */
        BUFFER,
        /** The C reference program. */
        C,
        /** An unmodified NIO program under {@code -javaagent:zerocopy.jar}. */
        AGENT,
        /** The JDK with the zerocopy default file system provider installed. */
        WRAPPER
    }

    /** One run of a variant. */
    @FunctionalInterface
    public interface Trial {
        /**
         * Runs the copy once and measures it.
         *
         * @param verify whether to check every byte that arrived (the run is then not timed by the harness)
         * @return the measurement
         * @throws Exception if the copy fails or, when verifying, a byte differs
         */
        Measurement run(boolean verify) throws Exception;
    }
}
