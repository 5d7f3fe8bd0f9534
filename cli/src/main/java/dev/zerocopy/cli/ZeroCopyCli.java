package dev.zerocopy.cli;

import dev.zerocopy.ProviderStatus;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code zerocopy} command: the entry point of {@code zerocopy.jar}.
 *
 * <p>Exit codes: {@code 0} success, {@code 1} an I/O or runtime failure (one line on standard error,
 * naming the file or address and the cause; the stack trace only with {@code --verbose}), {@code 2} bad
 * arguments (the message and the usage on standard error).
 */
@Command(name = "zerocopy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves bytes between files and sockets inside the kernel (sendfile, splice, "
                + "copy_file_range) where the operating system can.",
        subcommands = {
            DemoCommand.class, CopyCommand.class, SendCommand.class, RecvCommand.class, ServeCommand.class,
            DoctorCommand.class, CommandLine.HelpCommand.class
        })
public final class ZeroCopyCli implements Runnable {

    /** Exit code of a failed command. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a command given bad arguments. */
    public static final int EXIT_USAGE = 2;

    static final String VERBOSE = "--verbose";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", VERBOSE}, scope = ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    private boolean verbose;

    @Option(names = "--provider", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Use this provider (as -Ddev.zerocopy.provider=NAME): linux, bsd, solaris, portable.")
    private void provider(String name) {
        List<String> known = new ArrayList<>();
        for (ProviderStatus status : ZeroCopyTransfer.providers(ZeroCopyCli.class.getClassLoader())) {
            known.add(status.name());
        }
        if (!known.contains(name)) {
            throw new ParameterException(spec.commandLine(), "Unknown provider '" + name + "' for --provider; known: "
                    + String.join(", ", known));
        }
        System.setProperty("dev.zerocopy.provider", name);
    }

    /** Picocli instantiates the command. */
    public ZeroCopyCli() {
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = execute(args);
        System.out.flush();
        System.err.flush();
        Interruption.reported();
        System.exit(code);
    }

    /**
     * Runs the command without exiting.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new ZeroCopyCli());
        commandLine.setExecutionExceptionHandler(ZeroCopyCli::handleFailure);
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (ServiceConfigurationError | LinkageError e) {
                // A bad dev.zerocopy.provider, or a provider's native binding that cannot load: report like
                // any other failure (picocli hands only Exceptions to the handler).
                CliFailure failure = new CliFailure(Failures.describe(e));
                failure.initCause(e);
                throw new CommandLine.ExecutionException(commandLine, failure.getMessage(), failure);
            }
        });
        return commandLine.execute(args);
    }

    private static int handleFailure(Exception failure, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (failure instanceof ParameterException bad) {
            // Thrown by a command's own validation: treat as bad arguments.
            return commandLine.getParameterExceptionHandler().handleParseException(bad, new String[0]);
        }
        PrintWriter err = commandLine.getErr();
        err.println("zerocopy: " + Failures.describe(failure));
        if (isVerbose(parseResult)) {
            failure.printStackTrace(err);
        } else if (!(failure instanceof java.io.IOException)) {
            err.println("zerocopy: run again with " + VERBOSE + " for details");
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
