package dev.zerocopy.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * Shows how a transfer advances: a bar with bytes, rate and ETA redrawn in place on a terminal, nothing
 * otherwise (the command prints its one-line summary either way). Not thread-safe.
 */
abstract class Progress implements AutoCloseable {

    /** A progress that shows nothing. */
    static final Progress NONE = new Progress() {
        @Override
        boolean visible() {
            return false;
        }

        @Override
        void update(long done) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Returns a bar on standard error if the process runs on a terminal, {@link #NONE} otherwise.
     *
     * @param label what is moving, such as {@code "copy"}
     * @param total the expected byte count, or {@code -1} if unknown
     * @return the progress
     */
    static Progress start(String label, long total) {
        return onTerminal() ? new Bar(System.err, label, total) : NONE;
    }

    /**
     * Tells whether a redrawn bar is visible, so that callers can move bytes in smaller steps.
     *
     * @return whether updates are shown
     */
    abstract boolean visible();

    /**
     * Reports the bytes moved so far.
     *
     * @param done the bytes moved since the start
     */
    abstract void update(long done);

    /** Finishes the display (ends the bar's line). */
    @Override
    public abstract void close();

    /** Whether standard input and output are a terminal (JDK 22+ also returns a console when not). */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The bar drawn with carriage returns, at most ten times a second. */
    private static final class Bar extends Progress {
        private static final int WIDTH = 30;
        private static final long REDRAW_NANOS = 100_000_000L;

        private final PrintStream out;
        private final String label;
        private final long total;
        private final long start = System.nanoTime();
        private long lastDraw = Long.MIN_VALUE;
        private long done;

        Bar(PrintStream out, String label, long total) {
            this.out = out;
            this.label = label;
            this.total = total;
        }

        @Override
        boolean visible() {
            return true;
        }

        @Override
        void update(long done) {
            this.done = done;
            long now = System.nanoTime();
            if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                draw(now);
            }
        }

        @Override
        public void close() {
            draw(System.nanoTime());
            out.println();
            out.flush();
        }

        private void draw(long now) {
            long elapsed = now - start;
            StringBuilder line = new StringBuilder("\r").append(label).append(' ');
            if (total > 0) {
                int filled = (int) (WIDTH * Math.min(done, total) / total);
                line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                        .append(100 * Math.min(done, total) / total).append("% ");
            }
            line.append(Units.bytes(done));
            if (total > 0) {
                line.append(" / ").append(Units.bytes(total));
            }
            line.append("  ").append(Units.rate(done, elapsed));
            if (total > 0 && done > 0 && done < total) {
                long etaSeconds = (long) ((double) elapsed * (total - done) / done / 1e9);
                line.append("  ETA ").append(Units.clock(etaSeconds));
            }
            line.append("   ");
            out.print(line);
            out.flush();
        }
    }
}
