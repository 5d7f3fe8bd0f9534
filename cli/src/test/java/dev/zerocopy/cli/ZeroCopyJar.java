package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code zerocopy.jar} in a forked JVM, with the {@code java} of the JVM running the
 * tests (so the same tests cover JDK 17 and JDK 25).
 */
final class ZeroCopyJar {

    /** How long a forked command may run. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final String END = "\u0000end";

    private ZeroCopyJar() {
    }

    /**
     * The outcome of a finished command.
     *
     * @param exitCode the exit code
     * @param stdout   everything printed on standard output
     * @param stderr   everything printed on standard error
     */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("zerocopy.jar", "target/zerocopy.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first (mvn verify): " + jar.toAbsolutePath());
        return jar;
    }

    static List<String> command(String... args) {
        return command(List.of(), args);
    }

    static List<String> command(List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs a command to its end.
     *
     * @param args the command line after {@code java -jar zerocopy.jar}
     * @return the result
     */
    static Result run(String... args) throws IOException, InterruptedException {
        return start(args).finish();
    }

    /**
     * Runs a command to its end with the jar also started as an agent ({@code -javaagent:zerocopy.jar}).
     *
     * @param args the command line after {@code java -javaagent:zerocopy.jar -jar zerocopy.jar}
     * @return the result
     */
    static Result runWithAgent(String... args) throws IOException, InterruptedException {
        return start(List.of("-javaagent:" + jar()), args).finish();
    }

    /**
     * Starts a command; its output is collected line by line.
     *
     * @param args the command line after {@code java -jar zerocopy.jar}
     * @return the running process
     */
    static Running start(String... args) throws IOException {
        return start(List.of(), args);
    }

    private static Running start(List<String> jvmArgs, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmArgs, args));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return new Running(builder.start());
    }

    /** A forked command whose standard output can be awaited line by line. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer stdout = new StringBuffer();
        private final StringBuffer stderr = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process process) {
            this.process = process;
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // the child gets end-of-file on standard input either way
            }
            this.outReader = pump(process.getInputStream(), stdout, lines);
            this.errReader = pump(process.getErrorStream(), stderr, null);
        }

        private static Thread pump(java.io.InputStream in, StringBuffer all, BlockingQueue<String> queue) {
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        all.append(line).append('\n');
                        if (queue != null) {
                            queue.add(line);
                        }
                    }
                } catch (IOException e) {
                    all.append("(reading failed: ").append(e).append(")\n");
                } finally {
                    if (queue != null) {
                        queue.add(END);
                    }
                }
            }, "zerocopy-test-pump");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        /**
         * Waits for a line of standard output that starts with the prefix.
         *
         * @param prefix the prefix
         * @return the line
         */
        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(END)) {
                    lines.add(END);
                    fail("no line starting with '" + prefix + "' (" + (line == null ? "timeout" : "exited") + ")\n"
                            + "--- stdout\n" + stdout + "--- stderr\n" + stderr);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        /** Waits for the process to end on its own and returns its result. */
        Result finish() throws InterruptedException {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("timed out: " + process.info().commandLine().orElse("?") + "\n--- stdout\n" + stdout
                        + "--- stderr\n" + stderr);
            }
            outReader.join(TIMEOUT.toMillis());
            errReader.join(TIMEOUT.toMillis());
            return new Result(process.exitValue(), stdout.toString(), stderr.toString());
        }

        /** Asks the process to stop (SIGTERM) and returns its result. */
        Result terminate() throws InterruptedException {
            process.destroy();
            return finish();
        }

        Process process() {
            return process;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
