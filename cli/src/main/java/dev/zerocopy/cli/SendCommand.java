package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zerocopy send FILE HOST:PORT}: sends a file's bytes over one TCP connection (sendfile on Linux)
 * and closes it. A failed or interrupted send resets the connection (SO_LINGER 0), so the receiver
 * sees an error, not a clean end of stream.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Send FILE's bytes (until its end of file; '-' is standard input) over TCP to HOST:PORT, then close.",
            "The stream is the raw bytes, with no length or checksum, so `zerocopy recv` and `nc -l` can receive it.",
            "A failed or interrupted send resets the connection, so `zerocopy recv` fails instead of ending cleanly."
        })
public final class SendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to send, or - for standard input.")
    private String file;

    @Parameters(index = "1", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
            description = "The receiver; an IPv6 address in brackets: [::1]:9000.")
    private HostPort peer;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up connecting after this many seconds, at least 1 (default: ${DEFAULT-VALUE}).")
    private int connectTimeoutSeconds;

    /** Picocli instantiates the command. */
    public SendCommand() {
    }

    @Override
    public Integer call() throws IOException {
        if (connectTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--connect-timeout must be at least 1 second: " + connectTimeoutSeconds);
        }
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        try (InputFile in = InputFile.open(file); SocketChannel socket = connect()) {
            Interruption.watch(() -> reset(socket));
            long sent;
            long start;
            try (Progress progress = Progress.start("send", in.expectedSize())) {
                Transfers.prime(zc, in);
                start = System.nanoTime();
                Transfers send = new Transfers(zc, progress, "sending " + in.name() + " to " + peer,
                        Transfers.Peer.RECEIVER);
                sent = send.copy(in, socket);
                try {
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw send.failure(e);
                }
            } catch (CliFailure | RuntimeException e) {
                reset(socket);
                throw e;
            }
            Status.print(Transfers.summary("sent", sent, System.nanoTime() - start,
                    "from " + in.name() + " to " + peer, zc));
        }
        return 0;
    }

    /** Makes the coming close a reset (RST), which the receiver cannot mistake for a complete stream. */
    private static void reset(SocketChannel socket) {
        try {
            socket.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException ignored) {
            // closed already: the kernel closed it the same way
        }
    }

    private SocketChannel connect() throws CliFailure {
        InetAddress address;
        try {
            address = InetAddress.getByName(peer.host());
        } catch (UnknownHostException e) {
            throw new CliFailure("cannot resolve " + peer.host() + ": unknown host");
        }
        SocketChannel socket = null;
        try {
            socket = SocketChannel.open();
            socket.socket().connect(new InetSocketAddress(address, peer.port()),
                    Math.toIntExact(connectTimeoutSeconds * 1000L));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new CliFailure("cannot connect to " + peer, e);
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection failed already; that is what we report
            }
        }
    }
}
