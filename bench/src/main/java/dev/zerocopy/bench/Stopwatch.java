package dev.zerocopy.bench;

/**
 * Measures wall time and this process's CPU time (user + system of all threads, see
 * {@link ProcessCpuClock}) between {@link #start()} and {@link #stop(long, long)}.
 */
public final class Stopwatch {

    private final long wall0;
    private final long cpu0;

    private Stopwatch() {
        cpu0 = ProcessCpuClock.nanos();
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
        long cpu = ProcessCpuClock.nanos() - cpu0;
        return new Measurement(bytes, calls, Math.max(1, wall), cpu);
    }
}
