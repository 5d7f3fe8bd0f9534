package dev.zerocopy.cli;

import java.io.Console;
import java.io.IOException;
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

    /**
     * Returns the terminal's width: {@code $COLUMNS}, else what {@code stty size} says about
     * {@code /dev/tty}, else 80.
     *
     * @return the number of columns, at least 20
     */
    static int terminalColumns() {
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d{1,4}")) {
            return Math.max(20, Integer.parseInt(env));
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            if (stty.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) && size.trim().matches("\\d+ \\d+")) {
                return Math.max(20, Integer.parseInt(size.trim().split(" ")[1]));
            }
        } catch (IOException e) {
            // no stty, or no terminal: the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }

    /**
     * Renders one state of the bar in at most {@code columns - 1} characters (a line that fills the last
     * column wraps on some terminals): the label, the bar and percentage when the total is known and there
     * is room, the bytes, the rate and the ETA; the parts that do not fit are left out from the end.
     *
     * @param label   what is moving
     * @param done    the bytes moved
     * @param total   the expected bytes, or {@code -1}
     * @param elapsed the nanoseconds since the start
     * @param columns the terminal's width
     * @return the line, without carriage return
     */
    static String render(String label, long done, long total, long elapsed, int columns) {
        int width = columns - 1;
        String percent = "";
        StringBuilder tail = new StringBuilder(Units.bytes(done));
        if (total > 0) {
            percent = 100 * Math.min(done, total) / total + "%";
            tail.append(" / ").append(Units.bytes(total));
        }
        tail.append("  ").append(Units.rate(done, elapsed));
        if (total > 0 && done > 0 && done < total) {
            long etaSeconds = (long) ((double) elapsed * (total - done) / done / 1e9);
            tail.append("  ETA ").append(Units.clock(etaSeconds));
        }
        String line = label + " " + (percent.isEmpty() ? "" : percent + " ") + tail;
        int room = width - line.length() - 3;
        if (total > 0 && room >= 10) {
            int barWidth = Math.min(30, room);
            int filled = (int) (barWidth * Math.min(done, total) / total);
            line = label + " [" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "] " + percent + " " + tail;
        }
        return line.length() > width ? line.substring(0, width) : line;
    }

    /** The bar redrawn in place (carriage return, erase to the end of the line), at most ten times a second. */
    private static final class Bar extends Progress {
        private static final long REDRAW_NANOS = 100_000_000L;
        private static final String ERASE_TO_END = "\u001b[K";

        private final PrintStream out;
        private final String label;
        private final long total;
        private final int columns = terminalColumns();
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
            out.print("\r" + render(label, done, total, now - start, columns) + ERASE_TO_END);
            out.flush();
        }
    }
}
