package dev.zerocopy.bench;

/**
 * One timed run of one variant: the bytes it moved, the calls it made (1 for a bulk copy), its wall time
 * and the CPU time (user + system) its process spent meanwhile, excluding the harness's own peer threads.
 *
 * @param bytes     the bytes moved
 * @param calls     the transfer calls made, at least 1
 * @param wallNanos the wall time in nanoseconds, positive
 * @param cpuNanos  the CPU time in nanoseconds, never negative
 */
public record Measurement(long bytes, long calls, long wallNanos, long cpuNanos) {

    private static final double GIB = 1L << 30;

    /** Checks the fields and clamps a CPU time that the subtraction of peer time made negative to zero. */
    public Measurement {
        if (bytes < 0 || calls < 1 || wallNanos <= 0) {
            throw new IllegalArgumentException("bytes=" + bytes + " calls=" + calls + " ns=" + wallNanos);
        }
        cpuNanos = Math.max(0, cpuNanos);
    }

    /**
     * Returns the throughput.
     *
     * @return GiB per second
     */
    public double gibPerSecond() {
        return bytes / GIB / (wallNanos / 1e9);
    }

    /**
     * Returns the wall time of one call.
     *
     * @return microseconds per call
     */
    public double microsPerCall() {
        return wallNanos / 1e3 / calls;
    }

    /**
     * Returns the CPU cost of the bytes.
     *
     * @return CPU seconds per GiB moved, or NaN if nothing moved
     */
    public double cpuSecondsPerGib() {
        return bytes == 0 ? Double.NaN : cpuNanos / 1e9 / (bytes / GIB);
    }

    /**
     * Returns this measurement with some CPU time removed (the harness's peers ran in this process).
     *
     * @param nanos the CPU nanoseconds to remove
     * @return the new measurement
     */
    public Measurement minusCpu(long nanos) {
        return new Measurement(bytes, calls, wallNanos, cpuNanos - nanos);
    }

    /**
     * Parses the result line printed by the C reference and by child JVMs:
     * {@code bytes=<n> ns=<n> cpu_ns=<n>}, optionally followed by {@code calls=<n>}.
     *
     * @param line the line
     * @return the measurement
     * @throws IllegalArgumentException if the line is not a result line
     */
    public static Measurement parse(String line) {
        long bytes = -1;
        long ns = -1;
        long cpu = -1;
        long calls = 1;
        for (String field : line.trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a result line: " + line);
            }
            long value = Long.parseLong(field.substring(eq + 1));
            switch (field.substring(0, eq)) {
                case "bytes" -> bytes = value;
                case "ns" -> ns = value;
                case "cpu_ns" -> cpu = value;
                case "calls" -> calls = value;
                default -> throw new IllegalArgumentException("unknown field in " + line);
            }
        }
        if (bytes < 0 || ns < 0 || cpu < 0) {
            throw new IllegalArgumentException("incomplete result line: " + line);
        }
        return new Measurement(bytes, calls, Math.max(1, ns), cpu);
    }

    /**
     * Returns the result line {@link #parse(String)} reads.
     *
     * @return the line
     */
    public String toLine() {
        return "bytes=" + bytes + " ns=" + wallNanos + " cpu_ns=" + cpuNanos + " calls=" + calls;
    }
}
