package dev.zerocopy.cli.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * The server's request log: one line per request, refused connection or malformed request, such as
 * {@code 2026-11-30T17:20:01Z 127.0.0.1:53211 "GET /a.txt HTTP/1.1" 200 1234}.
 */
final class AccessLog {

    private final Consumer<String> out;

    /**
     * Creates the log.
     *
     * @param out receives each line (may be a no-op)
     */
    AccessLog(Consumer<String> out) {
        this.out = out;
    }

    /**
     * Logs one line: time (UTC, seconds), client, what it asked, status, body bytes.
     *
     * @param peer   the client, such as {@code 127.0.0.1:53211}
     * @param what   the quoted request line, or a parenthesised note
     * @param status the status code sent
     * @param bytes  the body bytes sent
     */
    void line(String peer, String what, int status, long bytes) {
        out.accept(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + peer + " " + what + " " + status + " " + bytes);
    }

    /**
     * Returns a client's address as {@code HOST:PORT} ({@code [::1]:PORT} for IPv6).
     *
     * @param socket the connection
     * @return the text, or {@code ?} if it is closed
     */
    static String peer(SocketChannel socket) {
        try {
            if (socket.getRemoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
                String host = inet.getAddress().getHostAddress();
                return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
            }
        } catch (IOException e) {
            // closed
        }
        return "?";
    }
}
