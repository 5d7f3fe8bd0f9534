package dev.zerocopy.cli;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
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
            server = open(address);
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
     * Opens an unbound server socket of the address's family: an IPv4 address gets an IPv4-only socket,
     * so {@code 0.0.0.0} does not also accept IPv6 connections, as it would on a dual-stack socket.
     *
     * @param address the address it will be bound to
     * @return the channel
     * @throws IOException if it cannot be opened
     */
    static ServerSocketChannel open(InetSocketAddress address) throws IOException {
        return address.getAddress() instanceof Inet4Address
                ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open();
    }

    /**
     * Writes an address as users write it: {@code 0.0.0.0}, {@code ::1}, {@code fe80::1%eth0}
     * (the shortest IPv6 form, RFC 5952), not {@code 0:0:0:0:0:0:0:1}.
     *
     * @param address the address
     * @return the text
     */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        byte[] bytes = v6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        String host = v6.getHostAddress();
        int scope = host.indexOf('%');
        return scope < 0 ? text.toString() : text + host.substring(scope);
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
            return new HostPort(text(inet.getAddress()), inet.getPort()).toString();
        }
        return String.valueOf(address);
    }
}
