package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zerocopy recv [--bind ADDR] PORT FILE}: accepts one TCP connection and writes what it carries
 * into a file (splice on Linux). Prints {@code listening on ADDR:PORT} once it accepts connections.
 */
@Command(name = "recv", description = {
    "Accept one TCP connection on PORT and write its bytes into FILE until the sender closes.",
    "Prints 'listening on ADDR:PORT' when ready (PORT 0 picks a free port)."
})
public final class RecvCommand implements Callable<Integer> {

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The local address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all IPv4).")
    private String bind;

    @Parameters(index = "0", paramLabel = "PORT", converter = HostPort.PortConverter.class,
            description = "The port to listen on; 0 for any free port.")
    private int port;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to create or replace.")
    private Path file;

    /** Picocli instantiates the command. */
    public RecvCommand() {
    }

    @Override
    public Integer call() throws IOException {
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        try (FileChannel out = FileOpening.forWriting(file);
                ServerSocketChannel server = Listening.listen(bind, port)) {
            System.out.println("listening on " + Listening.describe(server));
            System.out.flush();
            try (SocketChannel socket = accept(server)) {
                server.close();
                String peer = Listening.describe(socket.getRemoteAddress());
                long start = System.nanoTime();
                long received;
                try (Progress progress = Progress.start("recv", -1)) {
                    received = Transfers.intoFile(zc, socket, out, progress,
                            "receiving from " + peer + " into " + file);
                }
                long nanos = System.nanoTime() - start;
                System.out.println(Transfers.summary("received", received, nanos,
                        "from " + peer + " into " + file, zc));
            }
        }
        return 0;
    }

    private static SocketChannel accept(ServerSocketChannel server) throws CliFailure {
        try {
            return server.accept();
        } catch (IOException e) {
            throw new CliFailure("accepting a connection on " + Listening.describe(server), e);
        }
    }
}
