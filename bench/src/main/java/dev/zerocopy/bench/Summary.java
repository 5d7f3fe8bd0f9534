package dev.zerocopy.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one variant over its timed runs: the median, minimum and maximum of the figure of merit
 * (GiB/s, or µs per call) and the median CPU cost (CPU s/GiB, or CPU µs per call).
 *
 * @param median  the median figure of merit
 * @param min     the smallest
 * @param max     the largest
 * @param cpu     the median CPU cost
 * @param perCall whether the figures are per call
 */
public record Summary(double median, double min, double max, double cpu, boolean perCall) {

    /**
     * Summarises runs.
     *
     * @param runs    the timed runs, at least one
     * @param perCall whether the figure of merit is time per call
     * @return the summary
     */
    public static Summary of(List<Measurement> runs, boolean perCall) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double[] merit = values(runs, perCall ? Measurement::microsPerCall : Measurement::gibPerSecond);
        double[] cpu = values(runs, perCall ? m -> m.cpuNanos() / 1e3 / m.calls() : Measurement::cpuSecondsPerGib);
        return new Summary(median(merit), merit[0], merit[merit.length - 1], median(cpu), perCall);
    }

    /**
     * Tells how many times better this is than another summary's median (higher throughput, or less time
     * per call).
     *
     * @param other the other
     * @return the ratio, above 1 when this is better
     */
    public double speedup(Summary other) {
        return perCall ? other.median / median : median / other.median;
    }

    private static double[] values(List<Measurement> runs, ToDoubleFunction<Measurement> f) {
        double[] values = runs.stream().mapToDouble(f).toArray();
        Arrays.sort(values);
        return values;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
