package dev.zerocopy.cli.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds and writes an HTTP/1.1 response head: status line, {@code Date}, {@code Server}, fields. */
final class ResponseHead {

    private final HttpStatus status;
    private final StringBuilder text = new StringBuilder(256);

    /**
     * Starts a head.
     *
     * @param status the status
     */
    ResponseHead(HttpStatus status) {
        this.status = status;
        text.append("HTTP/1.1 ").append(status.code()).append(' ').append(status.reason()).append("\r\n");
        header("Date", HttpDates.format(Instant.now()));
        header("Server", "zerocopy");
    }

    /**
     * Returns the status.
     *
     * @return the status
     */
    HttpStatus status() {
        return status;
    }

    /**
     * Adds a field.
     *
     * @param name  the name
     * @param value the value; must not contain line breaks
     * @return this head
     */
    ResponseHead header(String name, Object value) {
        String v = String.valueOf(value);
        if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line break in header " + name);
        }
        text.append(name).append(": ").append(v).append("\r\n");
        return this;
    }

    /**
     * Writes the head, ending with the blank line.
     *
     * @param out the connection
     * @throws IOException if writing fails
     */
    void writeTo(WritableByteChannel out) throws IOException {
        writeFully(out, ByteBuffer.wrap((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * Writes all of a buffer to a blocking channel.
     *
     * @param out    the channel
     * @param buffer the bytes
     * @throws IOException if writing fails
     */
    static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
