package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zerocopy recv [--bind ADDR] PORT FILE}: accepts one TCP connection and writes what it carries
 * into a file (splice on Linux). A regular FILE is written under a temporary name beside it and renamed
 * over it only when the sender closed the connection cleanly; on failure FILE is left as it was. Prints
 * {@code listening on ADDR:PORT} on standard error once it accepts connections.
 */
@Command(name = "recv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Accept one TCP connection on PORT and write its bytes into FILE ('-' is standard output) until the",
            "sender closes. FILE is replaced only when the whole stream arrived; a reset connection (a failed or",
            "interrupted `zerocopy send`) is a failure and leaves FILE as it was. The stream carries no length or",
            "checksum. Prints 'listening on ADDR:PORT' on standard error when ready (PORT 0 picks a free port)."
        })
public final class RecvCommand implements Callable<Integer> {

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The local address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all IPv4).")
    private String bind;

    @Parameters(index = "0", paramLabel = "PORT", converter = HostPort.PortConverter.class,
            description = "The port to listen on; 0 for any free port.")
    private int port;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to create or replace, or - for standard output.")
    private String file;

    /** Picocli instantiates the command. */
    public RecvCommand() {
    }

    @Override
    public Integer call() throws IOException {
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        Path path = InputFile.STANDARD_STREAM.equals(file) ? null : Arguments.path(file);
        if (path != null && Files.isDirectory(path)) {
            throw new CliFailure(file + ": Is a directory");
        }
        boolean direct = path == null || (Files.exists(path) && !Files.isRegularFile(path));
        String name = path == null ? "standard output" : file;
        try (PartFile part = direct ? null : PartFile.create(path, name);
                OutputFile streamOut = !direct ? null : path == null ? OutputFile.standardOutput()
                        : OutputFile.create(path, name, null)) {
            FileChannel out = direct ? streamOut.channel() : part.channel();
            Interruption.watch(null);
            Transfers.prime(zc, null);
            long received;
            long start;
            String peer;
            SocketChannel accepted = acceptOne();
            try (SocketChannel socket = accepted) {
                peer = Listening.describe(socket.getRemoteAddress());
                try (Progress progress = Progress.start("recv", -1)) {
                    start = System.nanoTime();
                    received = new Transfers(zc, progress, "receiving from " + peer + " into " + name,
                            Transfers.Peer.SENDER).receive(socket, out, !direct);
                }
            } catch (CliFailure e) {
                throw direct ? e : untouched(e, name);
            }
            long nanos = System.nanoTime() - start;
            if (!direct) {
                try {
                    part.commit();
                } catch (IOException e) {
                    throw new CliFailure("cannot rename " + part.part() + " to " + name, e);
                }
            }
            Status.print(Transfers.summary("received", received, nanos, "from " + peer + " into " + name, zc));
        }
        return 0;
    }

    private static CliFailure untouched(CliFailure e, String name) {
        CliFailure failure = new CliFailure(e.getMessage() + "; " + name + " left as it was");
        failure.initCause(e.getCause() != null ? e.getCause() : e);
        return failure;
    }

    /** Listens, says so on standard error, accepts one connection and stops listening. */
    private SocketChannel acceptOne() throws CliFailure {
        try (ServerSocketChannel server = Listening.listen(bind, port)) {
            String where = Listening.describe(server);
            Status.print("listening on " + where);
            try {
                return server.accept();
            } catch (IOException e) {
                if (Interruption.requested()) {
                    throw new CliFailure("interrupted while listening on " + where);
                }
                throw new CliFailure("accepting a connection on " + where, e);
            }
        } catch (CliFailure e) {
            throw e;
        } catch (IOException e) {
            throw new CliFailure("closing the listening socket", e);
        }
    }
}
