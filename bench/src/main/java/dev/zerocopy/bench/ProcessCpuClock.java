package dev.zerocopy.bench;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.lang.management.ManagementFactory;

/**
 * This process's CPU time, user + system, of all its threads. On Linux it is read with
 * {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, which counts nanoseconds; elsewhere, or if the C
 * library cannot be bound, from {@link com.sun.management.OperatingSystemMXBean#getProcessCpuTime()}, which
 * on Linux (JDK 17 and 25) is built on {@code times(2)} and advances in 10 ms clock ticks: too coarse for a
 * copy of 128 MiB that takes 50 ms, and a ±2 % error even on 1 GiB.
 */
final class ProcessCpuClock {

    /** Linux's clock id for the calling process's CPU time. */
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final boolean PRECISE = bind();

    private ProcessCpuClock() {
    }

    private static boolean bind() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(ProcessCpuClock.class, Platform.C_LIBRARY_NAME);
            return clock_gettime(CLOCK_PROCESS_CPUTIME_ID, new long[2]) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static native int clock_gettime(int clock, long[] timespec);

    /**
     * Returns the process's CPU time so far.
     *
     * @return nanoseconds of user + system time
     */
    static long nanos() {
        if (PRECISE) {
            long[] timespec = new long[2];
            if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, timespec) == 0) {
                return timespec[0] * 1_000_000_000L + timespec[1];
            }
        }
        return OS.getProcessCpuTime();
    }

    /**
     * Names the clock in use, for the report.
     *
     * @return the source
     */
    static String source() {
        return PRECISE ? "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)"
                : "OperatingSystemMXBean.getProcessCpuTime (10 ms ticks)";
    }
}
