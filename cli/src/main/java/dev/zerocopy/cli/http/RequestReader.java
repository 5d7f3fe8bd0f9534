package dev.zerocopy.cli.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.x request heads from a connection, one after another (pipelined bytes stay buffered for
 * the next request), and discards request bodies. A head may be at most {@link #MAX_HEAD} bytes, its
 * request line at most {@link #MAX_REQUEST_LINE}.
 */
final class RequestReader {

    /** The largest request head accepted; larger ones get 431. */
    static final int MAX_HEAD = 16 * 1024;

    /** The longest request line accepted; longer ones get 414. */
    static final int MAX_REQUEST_LINE = 8 * 1024;

    /** Sets the read timeout of the connection, in milliseconds. */
    @FunctionalInterface
    interface ReadTimeout {
        /**
         * Sets the timeout of the next reads.
         *
         * @param millis the timeout, positive
         * @throws IOException if the connection is closed
         */
        void set(int millis) throws IOException;
    }

    private final InputStream in;
    private final ReadTimeout timeout;
    private final byte[] buffer = new byte[MAX_HEAD];
    private int start;
    private int end;
    private long deadline;
    private boolean bounded;

    /**
     * Creates a reader without read deadlines.
     *
     * @param in the connection's input
     */
    RequestReader(InputStream in) {
        this(in, millis -> { });
    }

    /**
     * Creates a reader.
     *
     * @param in      the connection's input; its reads end with {@link java.net.SocketTimeoutException}
     *                after the timeout set through {@code timeout}
     * @param timeout sets the timeout of the next reads
     */
    RequestReader(InputStream in, ReadTimeout timeout) {
        this.in = in;
        this.timeout = timeout;
    }

    /**
     * Tells whether bytes of a next request are buffered already (pipelined).
     *
     * @return whether reading the next request can start without waiting
     */
    boolean hasBuffered() {
        skipLeadingNewlines();
        return start < end;
    }

    /**
     * Reads the next request head and discards its body, without a deadline.
     *
     * @return the request, or {@code null} if the peer closed the connection between requests
     * @throws HttpError   if the request is malformed or too large
     * @throws IOException if reading fails or the peer closed the connection within a request
     */
    HttpRequest next() throws HttpError, IOException {
        bounded = false;
        return read();
    }

    /**
     * Reads the next request head and discards its body ({@code Content-Length} bytes), all before a
     * deadline.
     *
     * @param deadlineNanos the {@link System#nanoTime()} by which the head and body must have arrived
     * @return the request, or {@code null} if the peer closed the connection between requests
     * @throws HttpError   if the request is malformed or too large
     * @throws java.net.SocketTimeoutException if the deadline passes first
     * @throws IOException if reading fails or the peer closed the connection within a request
     */
    HttpRequest next(long deadlineNanos) throws HttpError, IOException {
        bounded = true;
        deadline = deadlineNanos;
        return read();
    }

    private HttpRequest read() throws HttpError, IOException {
        while (true) {
            skipLeadingNewlines();
            int headEnd = findHeadEnd(start);
            if (headEnd >= 0) {
                String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
                start = headEnd;
                int lineEnd = head.indexOf('\n');
                if (lineEnd > MAX_REQUEST_LINE) {
                    throw new HttpError(HttpStatus.URI_TOO_LONG, "request line longer than " + MAX_REQUEST_LINE + " bytes");
                }
                HttpRequest request = parse(head);
                discardBody(request);
                return request;
            }
            if (end - start > MAX_REQUEST_LINE && indexOfNewline(start, start + MAX_REQUEST_LINE + 1) < 0) {
                throw new HttpError(HttpStatus.URI_TOO_LONG, "request line longer than " + MAX_REQUEST_LINE + " bytes");
            }
            if (end - start >= MAX_HEAD) {
                throw new HttpError(HttpStatus.HEADERS_TOO_LARGE, "request head larger than " + MAX_HEAD + " bytes");
            }
            if (!fill()) {
                if (start == end) {
                    return null;
                }
                throw new EOFException("connection closed within a request head");
            }
        }
    }

    private void skipLeadingNewlines() {
        while (start < end && (buffer[start] == '\r' || buffer[start] == '\n')) {
            start++;
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < Math.min(to, end); i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index after the blank line that ends the head, or -1. */
    private int findHeadEnd(int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                if (i + 1 < end && buffer[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < end && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Reads more bytes after compacting the buffer; returns {@code false} at end of stream. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (bounded) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("deadline passed");
            }
            timeout.set((int) Math.min(Integer.MAX_VALUE, left));
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    private static HttpRequest parse(String head) throws HttpError {
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()) {
            throw new HttpError(HttpStatus.BAD_REQUEST, "malformed request line");
        }
        String version = requestLine[2];
        if (!version.startsWith("HTTP/")) {
            throw new HttpError(HttpStatus.BAD_REQUEST, "malformed request line");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new HttpError(HttpStatus.VERSION_NOT_SUPPORTED, "only HTTP/1.0 and HTTP/1.1 are supported");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    || Character.isWhitespace(line.charAt(colon - 1))) {
                throw new HttpError(HttpStatus.BAD_REQUEST, "malformed header field");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        if (version.equals("HTTP/1.1") && !headers.containsKey("host")) {
            throw new HttpError(HttpStatus.BAD_REQUEST, "HTTP/1.1 request without Host");
        }
        return new HttpRequest(requestLine[0], requestLine[1], version, Map.copyOf(headers));
    }

    private void discardBody(HttpRequest request) throws HttpError, IOException {
        if (request.header("transfer-encoding") != null) {
            throw new HttpError(HttpStatus.NOT_IMPLEMENTED, "request bodies with Transfer-Encoding are not supported");
        }
        String contentLength = request.header("content-length");
        if (contentLength == null) {
            return;
        }
        long remaining;
        try {
            remaining = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            throw new HttpError(HttpStatus.BAD_REQUEST, "malformed Content-Length");
        }
        if (remaining < 0) {
            throw new HttpError(HttpStatus.BAD_REQUEST, "malformed Content-Length");
        }
        while (remaining > 0) {
            if (start == end && !fill()) {
                throw new EOFException("connection closed within a request body");
            }
            int n = (int) Math.min(remaining, end - start);
            start += n;
            remaining -= n;
        }
    }
}
