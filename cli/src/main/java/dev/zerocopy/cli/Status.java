package dev.zerocopy.cli;

/**
 * Prints the file tools' status lines ({@code listening on ...}, summaries) on standard error, so that
 * standard output carries exactly the data when it is the target.
 */
final class Status {

    private Status() {
    }

    /**
     * Prints a line on standard error and flushes it.
     *
     * @param line the line
     */
    static void print(String line) {
        synchronized (System.err) {
            System.err.println(line);
            System.err.flush();
        }
    }
}
