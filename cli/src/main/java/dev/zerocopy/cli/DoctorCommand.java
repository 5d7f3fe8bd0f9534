package dev.zerocopy.cli;

import dev.zerocopy.ProviderStatus;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.FdAccess;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code zerocopy doctor}: what this JVM on this system offers: OS, kernel, JDK, every provider found
 * and whether it is usable (and why not), the fd access mode, the protocol that holds channels during a
 * transfer and what it means for virtual threads, the agent and the provider property, and
 * the pipe size limits that bound splice.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show OS, JDK, providers and their usability, fd access, agent, pipe limits.",
            "Exits 1 if the provider named with --provider (or -Ddev.zerocopy.provider) is not usable here."})
public final class DoctorCommand implements Callable<Integer> {

    private static final String AGENT_CLASS = "dev.zerocopy.nio.ZeroCopyAgent";
    private static final String FS_PROPERTY = "java.nio.file.spi.DefaultFileSystemProvider";
    private static final String PROVIDER_PROPERTY = "dev.zerocopy.provider";
    private static final List<String> PIPE_LIMITS = List.of(
            "/proc/sys/fs/pipe-max-size", "/proc/sys/fs/pipe-user-pages-soft", "/proc/sys/fs/pipe-user-pages-hard");

    /** Picocli instantiates the command. */
    public DoctorCommand() {
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        out.println("system");
        row(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        row(out, "kernel", System.getProperty("os.version"));
        row(out, "jdk", Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        out.println("providers (best first)");
        String selected = selectedProvider(out);
        for (ProviderStatus status : ZeroCopyTransfer.providers(DoctorCommand.class.getClassLoader())) {
            String mark = status.name().equals(selected) ? "  <- selected" : "";
            row(out, status.name(), (status.availability().usable() ? "usable" : "NOT usable") + ": "
                    + status.availability().reason() + " [priority " + status.priority() + ", "
                    + status.className() + "]" + mark);
        }
        out.println("integration");
        row(out, "fd access", FdAccess.mode() + " (" + describe(FdAccess.mode()) + ")");
        row(out, "protocol", FdAccess.protocol());
        row(out, "threads", virtualThreads());
        row(out, "agent", agentState());
        row(out, PROVIDER_PROPERTY, String.valueOf(System.getProperty(PROVIDER_PROPERTY, "(not set)")));
        row(out, FS_PROPERTY, System.getProperty(FS_PROPERTY, "(not set)") + "; default file system: "
                + FileSystems.getDefault().provider().getClass().getName());
        out.println("pipe limits");
        for (String file : PIPE_LIMITS) {
            row(out, Path.of(file).getFileName().toString(), readLimit(Path.of(file)));
        }
        if (selected == null) {
            System.err.println("zerocopy: the provider " + System.getProperty(PROVIDER_PROPERTY)
                    + " is not usable here (see above)");
            return ZeroCopyCli.EXIT_FAILURE;
        }
        return 0;
    }

    private static String selectedProvider(PrintStream out) {
        try {
            return ZeroCopyTransfer.load().name();
        } catch (ServiceConfigurationError e) {
            row(out, "selection failed", Failures.describe(e));
            return null;
        }
    }

    private static String describe(FdAccess.Mode mode) {
        switch (mode) {
            case OPENED:
                return "sun.nio.ch and java.io opened to zerocopy, no warnings";
            case UNSAFE:
                return "through sun.misc.Unsafe; add --add-opens java.base/sun.nio.ch=ALL-UNNAMED "
                        + "--add-opens java.base/java.io=ALL-UNNAMED for the quiet way";
            default:
                return "no fd access: every transfer uses the JDK's own methods; add --add-opens"
                        + " java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED";
        }
    }

    /** Whether this JDK has virtual threads, and how a transfer on one waits. */
    private static String virtualThreads() {
        if (Runtime.version().feature() < 21) {
            return "no virtual threads on JDK " + Runtime.version().feature();
        }
        return FdAccess.protocol().equals("guest")
                ? "virtual threads: a waiting transfer parks on the JDK's poller (its carrier is free)"
                : "virtual threads: a waiting transfer polls and holds its carrier (the guest protocol needs"
                        + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED)";
    }

    /** Whether the agent class is present, and whether this JVM started it. */
    private static String agentState() {
        Class<?> agent;
        try {
            agent = Class.forName(AGENT_CLASS, false, DoctorCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "not in this build (" + AGENT_CLASS + " missing)";
        }
        Boolean active = agentReportsActive(agent);
        if (active != null) {
            return active ? "active: FileChannel.transferTo/transferFrom go through zerocopy"
                    : "present, not active (run with -javaagent:zerocopy.jar)";
        }
        boolean flag = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-javaagent:") && arg.contains("zerocopy"));
        return "present" + (flag ? ", -javaagent given" : "") + " (the agent does not report its state)";
    }

    /** Asks the agent through a public static no-argument boolean method, if it has one. */
    private static Boolean agentReportsActive(Class<?> agent) {
        for (String name : List.of("isActive", "active", "isInstalled", "installed")) {
            try {
                Object value = agent.getMethod(name).invoke(null);
                if (value instanceof Boolean b) {
                    return b;
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // try the next name
            }
        }
        return null;
    }

    private static String readLimit(Path file) {
        // Files.readString trusts the size procfs reports (0 or 4096): read lines instead.
        try (java.io.BufferedReader reader = Files.newBufferedReader(file)) {
            String line = reader.readLine();
            return line == null ? "(empty)" : line.trim();
        } catch (IOException | UnsupportedOperationException e) {
            return "(not available: " + Failures.describe(e) + ")";
        }
    }

    private static void row(PrintStream out, String key, String value) {
        out.printf("  %-44s %s%n", key, value);
    }
}
