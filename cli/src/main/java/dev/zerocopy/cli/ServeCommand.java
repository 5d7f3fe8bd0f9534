package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.cli.http.DocumentRoot;
import dev.zerocopy.cli.http.StaticFileServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zerocopy serve DIR}: a small HTTP/1.1 static file server whose bodies go out with
 * {@link ZeroCopyTransfer} (sendfile on Linux). Prints {@code listening on http://ADDR:PORT/} and the
 * request log on standard error; stops cleanly on SIGINT/SIGTERM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Serve the files under DIR (default: the current directory) over HTTP/1.1 (GET, HEAD, Range, keep-alive).",
    "Paths leaving DIR (.., %%2e%%2e, symbolic links pointing outside) are refused with 403.",
    "Prints 'listening on http://ADDR:PORT/' and one line per request on standard error; Ctrl-C stops it."
})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The directory to serve (default: the current directory).")
    private String directory;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", converter = HostPort.PortConverter.class,
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The local address (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for all IPv4, "
                    + ":: for all IPv6).")
    private String bind;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "The most requests served at once (default: ${DEFAULT-VALUE}); idle connections hold no thread.")
    private int threads;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "Close a connection idle this long between requests (default: ${DEFAULT-VALUE}).")
    private double idleSeconds;

    @Option(names = "--head-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Answer 408 to a request whose head takes longer from its first byte (default: ${DEFAULT-VALUE}).")
    private double headSeconds;

    @Option(names = {"-q", "--quiet"}, description = "Do not print a line per request.")
    private boolean quiet;

    /** Picocli instantiates the command. */
    public ServeCommand() {
    }

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (!(idleSeconds > 0) || !(headSeconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout and --head-timeout must be positive");
        }
        DocumentRoot root;
        try {
            root = new DocumentRoot(Arguments.path(directory));
        } catch (CliFailure e) {
            throw e;
        } catch (IOException e) {
            throw new CliFailure("cannot serve " + directory, e);
        }
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        PrintStream out = System.err;
        Consumer<String> log = quiet ? line -> { } : line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
        InetSocketAddress wanted = new InetSocketAddress(bind, port);
        if (wanted.isUnresolved()) {
            throw new CliFailure("cannot listen on " + new HostPort(bind, port) + ": unknown address");
        }
        StaticFileServer server = new StaticFileServer(root, zc, threads, Math.round(idleSeconds * 1000),
                Math.round(headSeconds * 1000), log);
        InetSocketAddress bound;
        try {
            bound = server.bind(wanted);
        } catch (IOException e) {
            server.close();
            throw new CliFailure("cannot listen on " + new HostPort(bind, port), e);
        }
        Thread stop = new Thread(server::close, "zerocopy-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(stop);
        out.println("listening on http://" + Listening.describe(bound) + "/ serving " + root.path()
                + " with provider " + zc.name());
        out.flush();
        try {
            server.serve();
        } catch (IOException e) {
            throw new CliFailure("accepting connections on " + Listening.describe(bound), e);
        } finally {
            server.close();
        }
        return 0;
    }
}
