package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.cli.http.DocumentRoot;
import dev.zerocopy.cli.http.StaticFileServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
 * {@link ZeroCopyTransfer} (sendfile on Linux). Prints {@code listening on http://ADDR:PORT/} when ready;
 * stops cleanly on SIGINT/SIGTERM.
 */
@Command(name = "serve", description = {
    "Serve the files under DIR over HTTP/1.1 (GET, HEAD, Range, keep-alive).",
    "Paths leaving DIR (.., %2e%2e, symbolic links pointing outside) are refused with 403.",
    "Prints 'listening on http://ADDR:PORT/' when ready; Ctrl-C stops it."
})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory to serve.")
    private Path directory;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", converter = HostPort.PortConverter.class,
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The local address (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for all IPv4).")
    private String bind;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "The most connections served at once (default: ${DEFAULT-VALUE}).")
    private int threads;

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
        DocumentRoot root;
        try {
            root = new DocumentRoot(directory);
        } catch (IOException e) {
            throw new CliFailure("cannot serve " + directory, e);
        }
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        PrintStream out = System.out;
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
        StaticFileServer server = new StaticFileServer(root, zc, threads, log);
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
