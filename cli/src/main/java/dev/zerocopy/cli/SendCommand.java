package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zerocopy send FILE HOST:PORT}: sends a file's bytes over one TCP connection (sendfile on Linux). */
@Command(name = "send", description = {
    "Send FILE's bytes over TCP to HOST:PORT, then close the connection.",
    "The stream is the raw bytes (no header), so `zerocopy recv` and `nc -l` can receive it."
})
public final class SendCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to send.")
    private Path file;

    @Parameters(index = "1", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
            description = "The receiver; an IPv6 address in brackets: [::1]:9000.")
    private HostPort peer;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up connecting after this many seconds (default: ${DEFAULT-VALUE}).")
    private int connectTimeoutSeconds;

    /** Picocli instantiates the command. */
    public SendCommand() {
    }

    @Override
    public Integer call() throws IOException {
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        try (FileChannel in = FileOpening.forReading(file); SocketChannel socket = connect()) {
            long size = FileOpening.size(file, in);
            long start = System.nanoTime();
            long sent;
            try (Progress progress = Progress.start("send", size)) {
                sent = Transfers.fromFile(zc, in, size, socket, progress, "sending " + file + " to " + peer);
            }
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new CliFailure("closing the connection to " + peer, e);
            }
            long nanos = System.nanoTime() - start;
            if (sent < size) {
                throw new CliFailure(file + " shrank while it was sent: sent " + sent + " of " + size + " bytes");
            }
            System.out.println(Transfers.summary("sent", sent, nanos, "from " + file + " to " + peer, zc));
        }
        return 0;
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
                    Math.toIntExact(Math.max(1, connectTimeoutSeconds) * 1000L));
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
