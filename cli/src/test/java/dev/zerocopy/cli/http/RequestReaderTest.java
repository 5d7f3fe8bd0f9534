package dev.zerocopy.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    private static RequestReader reader(String text) {
        return new RequestReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void readsPipelinedRequestsAndSkipsBodies() throws Exception {
        RequestReader reader = reader("GET /a HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: 2\r\n\r\n"
                + "HEAD /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                + "\r\nGET /c HTTP/1.0\nConnection: keep-alive\n\n");
        HttpRequest first = reader.next();
        assertEquals("GET", first.method());
        assertEquals("/a", first.target());
        assertEquals("1, 2", first.header("X-A"));
        assertTrue(first.keepAlive());
        HttpRequest second = reader.next();
        assertEquals("HEAD", second.method());
        assertEquals("/b", second.target());
        HttpRequest third = reader.next();
        assertEquals("/c", third.target());
        assertEquals("HTTP/1.0", third.version());
        assertTrue(third.keepAlive());
        assertNull(reader.next());
    }

    @Test
    void connectionCloseAndHttp10DefaultEndTheConnection() throws Exception {
        assertFalse(reader("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").next().keepAlive());
        assertFalse(reader("GET / HTTP/1.0\r\n\r\n").next().keepAlive());
    }

    @Test
    void malformedRequestsAreErrors() {
        assertStatus(HttpStatus.BAD_REQUEST, "GET /\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET / HTTP/1.1\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET / HTTP/1.1\r\nHost : h\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n");
        assertStatus(HttpStatus.VERSION_NOT_SUPPORTED, "GET / HTTP/2.0\r\n\r\n");
        assertStatus(HttpStatus.NOT_IMPLEMENTED, "GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertStatus(HttpStatus.HEADERS_TOO_LARGE,
                "GET / HTTP/1.1\r\nHost: h\r\nX: " + "x".repeat(RequestReader.MAX_HEAD) + "\r\n\r\n");
    }

    @Test
    void endOfStreamInsideARequestIsAnError() {
        assertThrows(EOFException.class, () -> reader("GET / HTTP/1.1\r\nHost").next());
        assertThrows(EOFException.class, () -> reader("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\nab").next());
    }

    private static void assertStatus(HttpStatus expected, String request) {
        HttpError error = assertThrows(HttpError.class, () -> reader(request).next());
        assertEquals(expected, error.status());
    }

    @Test
    void leadingEmptyLinesAreIgnored() throws IOException, HttpError {
        assertEquals("/x", reader("\r\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n").next().target());
    }

    @Test
    void aRequestLineOver8KiBIs414WhetherOrNotTheHeadIsComplete() {
        String target = "/" + "a".repeat(RequestReader.MAX_REQUEST_LINE);
        assertStatus(HttpStatus.URI_TOO_LONG, "GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertStatus(HttpStatus.URI_TOO_LONG, "GET " + target + target);
        assertStatus(HttpStatus.HEADERS_TOO_LARGE, "GET / HTTP/1.1\r\nX: " + "b".repeat(RequestReader.MAX_HEAD));
    }

    @Test
    void aDeadlineBoundsEveryReadAndEndsTheHead() throws Exception {
        java.util.List<Integer> timeouts = new java.util.ArrayList<>();
        RequestReader reader = new RequestReader(new ByteArrayInputStream(
                "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), timeouts::add);
        assertEquals("/", reader.next(System.nanoTime() + 5_000_000_000L).target());
        assertFalse(timeouts.isEmpty());
        assertTrue(timeouts.stream().allMatch(t -> t > 0 && t <= 5_000), timeouts.toString());
        RequestReader late = new RequestReader(new ByteArrayInputStream(new byte[] {'G'}), timeouts::add);
        assertThrows(java.net.SocketTimeoutException.class, () -> late.next(System.nanoTime() - 1));
    }

    @Test
    void onlyBytesOfANextRequestCountAsBuffered() throws Exception {
        RequestReader reader = reader("GET /a HTTP/1.1\r\nHost: h\r\n\r\n\r\n");
        reader.next();
        assertFalse(reader.hasBuffered(), "a stray CRLF is not a request");
        RequestReader pipelined = reader("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b");
        pipelined.next();
        assertTrue(pipelined.hasBuffered());
    }
}
