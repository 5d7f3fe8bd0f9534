package dev.zerocopy.cli.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/**
 * One client connection: serves the requests it has sent, in order, on a worker thread; between
 * requests it waits in {@link IdleConnections} without a thread. The head of each request must arrive
 * within the head timeout from its first byte (408 otherwise), so a client that sends one byte now and
 * then cannot hold a worker.
 */
final class HttpConnection {

    private final SocketChannel socket;
    private final FileResponder responder;
    private final long headTimeoutMillis;
    private final BooleanSupplier closing;
    private final AccessLog log;
    private final String peer;
    private final RequestReader reader;
    private final Runnable onClose;

    /**
     * Creates the connection.
     *
     * @param socket            the accepted connection; closed when done
     * @param responder         answers requests
     * @param headTimeoutMillis how long a request head may take from its first byte
     * @param closing           whether the server is shutting down (responses then close the connection)
     * @param log               the request log
     * @param onClose           runs once the connection is closed
     * @throws IOException if the socket is closed already
     */
    HttpConnection(SocketChannel socket, FileResponder responder, long headTimeoutMillis, BooleanSupplier closing,
            AccessLog log, Runnable onClose) throws IOException {
        this.onClose = onClose;
        this.socket = socket;
        this.responder = responder;
        this.headTimeoutMillis = headTimeoutMillis;
        this.closing = closing;
        this.log = log;
        this.peer = AccessLog.peer(socket);
        this.reader = new RequestReader(socket.socket().getInputStream(), socket.socket()::setSoTimeout);
    }

    /**
     * Returns the socket.
     *
     * @return the connection's channel
     */
    SocketChannel socket() {
        return socket;
    }

    /**
     * Returns the client's address for the log.
     *
     * @return such as {@code 127.0.0.1:53211}
     */
    String peer() {
        return peer;
    }

    /**
     * Serves the requests that have arrived (the socket in blocking mode), until none is buffered.
     *
     * @return {@code true} if the connection stays open and should wait for its next request;
     *         {@code false} if it was closed
     */
    boolean serve() {
        try {
            while (true) {
                HttpRequest request;
                try {
                    request = reader.next(System.nanoTime() + headTimeoutMillis * 1_000_000L);
                } catch (HttpError bad) {
                    FileResponder.error(bad.status(), bad.getMessage(), false, false, socket);
                    log.line(peer, "(" + bad.getMessage() + ")", bad.status().code(), 0);
                    close();
                    return false;
                } catch (SocketTimeoutException slow) {
                    HttpStatus status = HttpStatus.REQUEST_TIMEOUT;
                    FileResponder.error(status, "request head not received in time", false, false, socket);
                    log.line(peer, "(request head not received within " + headTimeoutMillis + " ms)", status.code(), 0);
                    close();
                    return false;
                }
                if (request == null) {
                    close();
                    return false;
                }
                FileResponder.Outcome outcome =
                        responder.respond(request, request.keepAlive() && !closing.getAsBoolean(), socket);
                log.line(peer, "\"" + request.method() + " " + request.target() + " " + request.version() + "\"",
                        outcome.status().code(), outcome.bodyBytes());
                if (!outcome.keepAlive()) {
                    close();
                    return false;
                }
                if (!reader.hasBuffered()) {
                    return true;
                }
            }
        } catch (IOException e) {
            // the client went away (reset, broken pipe) or the server is closing: nothing to answer
        } catch (RuntimeException e) {
            log.line(peer, "(internal error: " + e + ")", HttpStatus.INTERNAL_ERROR.code(), 0);
        }
        close();
        return false;
    }

    /** Closes the connection. Idempotent. */
    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        onClose.run();
    }
}
