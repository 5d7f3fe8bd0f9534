package dev.zerocopy.bench;

import java.io.IOException;

/**
 * The command that runs the side-by-side comparison and prints its Markdown report on standard output
 * (progress goes to standard error). Options: see {@link Options}. Run it as
 * {@code java -jar bench/target/zerocopy-bench.jar [--quick]}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the harness.
     *
     * @param args the options
     * @throws IOException if the scratch directory cannot be used
     */
    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar zerocopy-bench.jar [--quick] [--size 1g] [--reps 5]"
                    + " [--calls 100000] [--walk-files 100000] [--only S1,S2,...] [--variants zerocopy,c,...]"
                    + " [--dir PATH] [--agent-jar PATH] [--out FILE]");
            System.exit(2);
            return;
        }
        System.out.print(Bench.run(options, System.err).markdown());
    }
}
