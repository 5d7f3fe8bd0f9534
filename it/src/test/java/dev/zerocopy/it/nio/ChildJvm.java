package dev.zerocopy.it.nio;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a main class in a child JVM of the running JDK, with this test JVM's class path, and collects its
 * exit code and output. The three ways to run it are the routes under test: {@link Route#PLAIN} (nothing),
 * {@link Route#AGENT} ({@code -javaagent} with nio's agent jar) and {@link Route#PROVIDER} (the
 * {@code -D} default file system provider, with the flags its documentation asks for on JDK 24+).
 */
final class ChildJvm {

    /** How zerocopy is brought into the child. */
    enum Route {
        PLAIN, AGENT, PROVIDER,
        /** Both the agent and the provider. */
        BOTH
    }

    /** The provider route's system property. */
    static final String PROVIDER_PROPERTY =
            "-Djava.nio.file.spi.DefaultFileSystemProvider=dev.zerocopy.nio.ZeroCopyFileSystemProvider";

    private static final Pattern AGENT_JAR = Pattern.compile(".*zerocopy-nio-[^" + Pattern.quote(File.separator)
            + "]*-agent\\.jar");

    /** What the child did. */
    record Result(int exitCode, List<String> stdout, List<String> stderr) {
    }

    private ChildJvm() {
    }

    /**
     * Returns nio's agent jar, which the test class path holds.
     *
     * @return the jar
     */
    static Path agentJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> AGENT_JAR.matcher(entry).matches())
                .map(Path::of)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no zerocopy-nio agent jar on the test class path"));
    }

    /**
     * Runs the child and waits for it.
     *
     * @param route     how zerocopy is brought in
     * @param workDir   directory for the output files
     * @param jvmArgs   further JVM arguments
     * @param mainClass the main class
     * @param args      its arguments
     * @return the result
     * @throws Exception if the child cannot be run or does not end within two minutes
     */
    static Result run(Route route, Path workDir, List<String> jvmArgs, Class<?> mainClass, String... args)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (route == Route.AGENT || route == Route.BOTH) {
            command.add("-javaagent:" + agentJar());
        }
        if (route == Route.PROVIDER || route == Route.BOTH) {
            {
                command.add(PROVIDER_PROPERTY);
                command.add("--add-opens");
                command.add("java.base/sun.nio.ch=ALL-UNNAMED");
                command.add("--add-opens");
                command.add("java.base/java.io=ALL-UNNAMED");
                if (Runtime.version().feature() >= 22) {
                    command.add("--enable-native-access=ALL-UNNAMED");
                }
            }
        }
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path out = workDir.resolve("child.out");
        Path err = workDir.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not finish: " + command + "\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }

    /**
     * Asserts-friendly description of a result.
     *
     * @param result the result
     * @return its text
     * @throws IOException never
     */
    static String describe(Result result) throws IOException {
        return "exit " + result.exitCode() + "\nstdout: " + result.stdout() + "\nstderr:\n"
                + String.join("\n", result.stderr());
    }
}
