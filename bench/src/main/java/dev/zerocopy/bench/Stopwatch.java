package dev.zerocopy.bench;

import java.lang.management.ManagementFactory;

/**
 * Measures wall time and this process's CPU time (user + system, from
 * {@link com.sun.management.OperatingSystemMXBean#getProcessCpuTime()}) between {@link #start()} and
 * {@link #stop(long, long)}.
 */
public final class Stopwatch {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wall0;
    private final long cpu0;

    private Stopwatch() {
        cpu0 = processCpuNanos();
        wall0 = System.nanoTime();
    }

    /**
     * Starts a stopwatch.
     *
     * @return the running stopwatch
     */
    public static Stopwatch start() {
        return new Stopwatch();
    }

    /**
     * Stops the stopwatch.
     *
     * @param bytes the bytes moved meanwhile
     * @param calls the transfer calls made meanwhile, at least 1
     * @return the measurement
     */
    public Measurement stop(long bytes, long calls) {
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        return new Measurement(bytes, calls, Math.max(1, wall), cpu);
    }

    /**
     * Returns this process's CPU time so far.
     *
     * @return nanoseconds of user + system time
     */
    public static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }
}
