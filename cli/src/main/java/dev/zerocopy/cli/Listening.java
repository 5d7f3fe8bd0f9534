package dev.zerocopy.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/** Opens listening sockets with one-line failures, and prints socket addresses as {@code HOST:PORT}. */
final class Listening {

    private Listening() {
    }

    /**
     * Opens a server socket bound to the address and port.
     *
     * @param bind the local address
     * @param port the port, 0 for any
     * @return the bound channel
     * @throws CliFailure if the address is unknown or the port cannot be bound
     */
    static ServerSocketChannel listen(String bind, int port) throws CliFailure {
        InetSocketAddress address = new InetSocketAddress(bind, port);
        String where = new HostPort(bind, port).toString();
        if (address.isUnresolved()) {
            throw new CliFailure("cannot listen on " + where + ": unknown address");
        }
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.bind(address);
            return server;
        } catch (IOException e) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // reporting the bind failure
                }
            }
            throw new CliFailure("cannot listen on " + where, e);
        }
    }

    /**
     * Describes a server's bound address as {@code HOST:PORT}.
     *
     * @param server the bound channel
     * @return the text
     */
    static String describe(ServerSocketChannel server) {
        try {
            return describe(server.getLocalAddress());
        } catch (IOException e) {
            return "(closed)";
        }
    }

    /**
     * Describes a socket address as {@code HOST:PORT} with its numeric address.
     *
     * @param address the address
     * @return the text
     */
    static String describe(java.net.SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return new HostPort(inet.getAddress().getHostAddress(), inet.getPort()).toString();
        }
        return String.valueOf(address);
    }
}
