package dev.zerocopy.cli.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Serves the requests of one connection in order until the client or the server closes it, the client
 * stays idle longer than the idle timeout, or a request is malformed.
 */
final class HttpConnection implements Runnable {

    private final SocketChannel socket;
    private final FileResponder responder;
    private final int idleTimeoutMillis;
    private final BooleanSupplier closing;
    private final Consumer<String> accessLog;
    private final String peer;

    /**
     * Creates the connection handler.
     *
     * @param socket            the accepted connection, blocking; closed when done
     * @param responder         answers requests
     * @param idleTimeoutMillis how long to wait for the next request
     * @param closing           whether the server is shutting down (responses then close the connection)
     * @param accessLog         receives one line per request
     */
    HttpConnection(SocketChannel socket, FileResponder responder, int idleTimeoutMillis, BooleanSupplier closing,
            Consumer<String> accessLog) {
        this.socket = socket;
        this.responder = responder;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.closing = closing;
        this.accessLog = accessLog;
        this.peer = peerOf(socket);
    }

    @Override
    public void run() {
        try (socket) {
            socket.socket().setSoTimeout(idleTimeoutMillis);
            RequestReader reader = new RequestReader(socket.socket().getInputStream());
            boolean keepAlive = true;
            while (keepAlive) {
                HttpRequest request;
                try {
                    request = reader.next();
                } catch (HttpError bad) {
                    FileResponder.error(bad.status(), bad.getMessage(), false, false, socket);
                    accessLog.accept(peer + " (malformed request) " + bad.status().code());
                    return;
                }
                if (request == null) {
                    return;
                }
                FileResponder.Outcome outcome =
                        responder.respond(request, request.keepAlive() && !closing.getAsBoolean(), socket);
                accessLog.accept(peer + " \"" + request.method() + " " + request.target() + " " + request.version()
                        + "\" " + outcome.status().code() + " " + outcome.bodyBytes());
                keepAlive = outcome.keepAlive();
            }
        } catch (SocketTimeoutException idle) {
            // the client kept the connection idle too long: close it
        } catch (IOException e) {
            // the client went away (reset, broken pipe) or the server is closing: nothing to answer
        } catch (RuntimeException e) {
            accessLog.accept(peer + " internal error: " + e);
        }
    }

    private static String peerOf(SocketChannel socket) {
        try {
            return String.valueOf(socket.getRemoteAddress()).replaceFirst("^/", "");
        } catch (IOException e) {
            return "?";
        }
    }
}
