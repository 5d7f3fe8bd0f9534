package dev.zerocopy.cli;

import java.util.Locale;

/** Parses byte sizes and formats sizes, rates and durations for people. */
final class Units {

    private static final long KIB = 1024;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /**
     * Parses a size such as {@code 4096}, {@code 64K}, {@code 256M}, {@code 256MiB}, {@code 1g}: the
     * suffixes K, M, G, T (optionally followed by {@code iB} or {@code B}) are powers of 1024.
     *
     * @param text the size
     * @return the number of bytes, at least 0
     * @throws IllegalArgumentException if the text is not a size or overflows
     */
    static long parseSize(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("IB")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            int unit = "KMGT".indexOf(s.charAt(s.length() - 1));
            if (unit >= 0) {
                shift = 10 * (unit + 1);
                s = s.substring(0, s.length() - 1);
            }
        }
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 4096, 64K, 256M, 1G)");
        }
        long value;
        try {
            value = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        if (shift > 0 && value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return value << shift;
    }

    /**
     * Formats a byte count with a binary unit, such as {@code "256 MiB"} or {@code "1.5 GiB"}.
     *
     * @param bytes the count
     * @return the text
     */
    static String bytes(long bytes) {
        if (bytes < KIB) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= KIB && unit < BINARY_UNITS.length - 1) {
            value /= KIB;
            unit++;
        }
        String number = value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + BINARY_UNITS[unit];
    }

    /**
     * Formats a rate as GiB/s with two decimals, such as {@code "1.23 GiB/s"}.
     *
     * @param bytes the bytes moved
     * @param nanos the time it took
     * @return the text
     */
    static String gibPerSecond(long bytes, long nanos) {
        if (nanos <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f GiB/s", bytes / GIB / (nanos / 1e9));
    }

    /**
     * Formats a rate for a summary line in the largest binary unit that keeps it at least 1, such as
     * {@code "1.23 GiB/s"}, {@code "512.0 MiB/s"}, {@code "17.6 KiB/s"} or {@code "12 B/s"}.
     *
     * @param bytes the bytes moved
     * @param nanos the time it took
     * @return the text
     */
    static String throughput(long bytes, long nanos) {
        if (nanos <= 0) {
            return "n/a";
        }
        double perSecond = bytes / (nanos / 1e9);
        if (perSecond >= GIB) {
            return String.format(Locale.ROOT, "%.2f GiB/s", perSecond / GIB);
        }
        if (perSecond >= KIB * KIB) {
            return String.format(Locale.ROOT, "%.1f MiB/s", perSecond / (KIB * KIB));
        }
        if (perSecond >= KIB) {
            return String.format(Locale.ROOT, "%.1f KiB/s", perSecond / KIB);
        }
        return String.format(Locale.ROOT, "%.0f B/s", perSecond);
    }

    /**
     * Formats a rate with a binary unit, such as {@code "512 MiB/s"}.
     *
     * @param bytes the bytes moved
     * @param nanos the time it took
     * @return the text
     */
    static String rate(long bytes, long nanos) {
        if (nanos <= 0) {
            return "n/a";
        }
        return bytes((long) (bytes / (nanos / 1e9))) + "/s";
    }

    /**
     * Formats nanoseconds as seconds with three decimals, such as {@code "0.123 s"}.
     *
     * @param nanos the duration
     * @return the text
     */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /**
     * Formats whole seconds as {@code m:ss} or {@code h:mm:ss}.
     *
     * @param seconds the duration
     * @return the text
     */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
