package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
     * @param stdoutBytes standard output as bytes
     */
    record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
        @Override
        public String toString() {
            String out = stdout.length() > 4000 ? stdout.substring(0, 4000) + "...\n" : stdout;
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + stderr;
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
     * Runs a command to its end with the given bytes on its standard input (a pipe).
     *
     * @param stdin the bytes the command reads from standard input
     * @param args  the command line after {@code java -jar zerocopy.jar}
     * @return the result
     */
    static Result runWithInput(byte[] stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(List.of(), args);
        Running running = new Running(builder.start(), stdin);
        return running.finish();
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

    /**
     * Starts a command in a directory with changes to its environment.
     *
     * @param cwd the working directory
     * @param env variables to set; a {@code null} value removes the variable
     * @param args the command line after {@code java -jar zerocopy.jar}
     * @return the running process
     */
    static Running startIn(Path cwd, java.util.Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = builder(List.of(), args).directory(cwd.toFile());
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new Running(builder.start(), new byte[0]);
    }

    private static Running start(List<String> jvmArgs, String... args) throws IOException {
        return new Running(builder(jvmArgs, args).start(), new byte[0]);
    }

    private static ProcessBuilder builder(List<String> jvmArgs, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(jvmArgs, args));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return builder;
    }

    /** A forked command whose standard output and error can be awaited line by line. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream stdoutBytes = new ByteArrayOutputStream();
        private final StringBuffer stderr = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process process, byte[] stdin) {
            this.process = process;
            Thread feeder = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // the child exited early; its result tells why
                }
            }, "zerocopy-test-stdin");
            feeder.setDaemon(true);
            feeder.start();
            this.outReader = pumpBytes(process.getInputStream(), stdoutBytes);
            this.errReader = pumpLines(process.getErrorStream(), stderr, lines);
        }

        private Thread pumpBytes(InputStream in, ByteArrayOutputStream all) {
            return daemon(() -> {
                byte[] chunk = new byte[65536];
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                try (in) {
                    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                        synchronized (all) {
                            all.write(chunk, 0, n);
                        }
                        for (int i = 0; i < n; i++) {
                            if (chunk[i] == '\n') {
                                lines.add(line.toString(StandardCharsets.UTF_8));
                                line.reset();
                            } else if (line.size() < 4096) {
                                line.write(chunk[i]);
                            }
                        }
                    }
                } catch (IOException e) {
                    stderr.append("(reading stdout failed: ").append(e).append(")\n");
                } finally {
                    lines.add(END);
                }
            });
        }

        private static Thread pumpLines(InputStream in, StringBuffer all, BlockingQueue<String> queue) {
            return daemon(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        all.append(line).append('\n');
                        queue.add(line);
                    }
                } catch (IOException e) {
                    all.append("(reading failed: ").append(e).append(")\n");
                } finally {
                    queue.add(END);
                }
            });
        }

        private static Thread daemon(Runnable body) {
            Thread thread = new Thread(body, "zerocopy-test-pump");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private String stdout() {
            synchronized (stdoutBytes) {
                return stdoutBytes.toString(StandardCharsets.UTF_8);
            }
        }

        /**
         * Waits for a line of standard output or standard error that starts with the prefix.
         *
         * @param prefix the prefix
         * @return the line
         */
        String awaitLine(String prefix) throws InterruptedException {
            return awaitLine(prefix, line -> line.startsWith(prefix));
        }

        /**
         * Waits for a line of standard output or standard error that contains the text.
         *
         * @param text the text
         * @return the line
         */
        String awaitLineContaining(String text) throws InterruptedException {
            return awaitLine(text, line -> line.contains(text));
        }

        private String awaitLine(String prefix, java.util.function.Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int ended = 0;
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line != null && line.equals(END) && ++ended < 2) {
                    continue;
                }
                if (line == null || line.equals(END)) {
                    lines.add(END);
                    lines.add(END);
                    fail("no line starting with '" + prefix + "' (" + (line == null ? "timeout" : "exited") + ")\n"
                            + "--- stdout\n" + stdout() + "--- stderr\n" + stderr);
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** Waits for the process to end on its own and returns its result. */
        Result finish() throws InterruptedException {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("timed out: " + process.info().commandLine().orElse("?") + "\n--- stdout\n" + stdout()
                        + "--- stderr\n" + stderr);
            }
            outReader.join(TIMEOUT.toMillis());
            errReader.join(TIMEOUT.toMillis());
            byte[] bytes;
            synchronized (stdoutBytes) {
                bytes = stdoutBytes.toByteArray();
            }
            return new Result(process.exitValue(), stdout(), stderr.toString(), bytes);
        }

        /**
         * Asks the process to stop with SIGTERM, as Ctrl-C or {@code kill} would, and returns its result
         * with all it printed ({@link Process#destroy()} would close the pipes that carry its last lines).
         */
        Result terminate() throws InterruptedException, IOException {
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                process.destroy();
            }
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
