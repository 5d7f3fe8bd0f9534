package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.spi.PseudoRandomStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code zerocopy serve} answering the JDK's HttpClient, curl, and raw HTTP/1.1 on one socket. */
@Timeout(120)
class ServeIT {

    private static final long SEED = 77;
    private static final int BIG = 3 * 1024 * 1024 + 17;

    @TempDir
    static Path base;

    private static Path www;
    private static byte[] big;
    private static ZeroCopyJar.Running server;
    private static URI root;
    private static HttpClient client;

    @BeforeAll
    static void startServer() throws Exception {
        www = Files.createDirectories(base.resolve("www"));
        PseudoRandomStream.writeFile(www.resolve("big.bin"), SEED, BIG);
        big = Files.readAllBytes(www.resolve("big.bin"));
        Files.writeString(www.resolve("hello.txt"), "hello, world\n");
        Files.createDirectories(www.resolve("sub"));
        Files.writeString(www.resolve("sub/index.html"), "<p>inner</p>\n");
        Files.writeString(base.resolve("secret.txt"), "outside\n");
        Files.createSymbolicLink(www.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(www.resolve("up"), base.resolve("secret.txt"));
        server = ZeroCopyJar.start("serve", www.toString(), "--port", "0");
        String line = server.awaitLine("listening on http://");
        String url = line.substring("listening on ".length(), line.indexOf(' ', "listening on ".length()));
        root = URI.create(url);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        Files.deleteIfExists(www.resolve("etc"));
        if (server != null) {
            try (ZeroCopyJar.Running running = server) {
                ZeroCopyJar.Result result = running.terminate();
                // SIGTERM: the shutdown hook closes the server; the JVM exits with 128 + 15.
                assertEquals(143, result.exitCode(), result::toString);
                // The request log, on standard error, with a UTC timestamp.
                assertTrue(result.stderr().matches("(?s).*\n\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ 127\\.0\\.0\\.1:\\d+ "
                        + "\"GET /big\\.bin HTTP/1\\.1\" 200 " + BIG + "\n.*"), result::toString);
                assertEquals("", result.stdout(), result::toString);
            }
        }
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path.substring(1)))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void fullGetSendsTheWholeFileWithItsMetadata() throws Exception {
        HttpResponse<byte[]> response = get("/big.bin");
        assertEquals(200, response.statusCode());
        assertArrayEquals(big, response.body());
        assertEquals(String.valueOf(BIG), header(response, "content-length"));
        assertEquals("application/octet-stream", header(response, "content-type"));
        assertEquals("bytes", header(response, "accept-ranges"));
        ZonedDateTime modified = ZonedDateTime.parse(header(response, "last-modified"),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        assertEquals(Files.getLastModifiedTime(www.resolve("big.bin")).toInstant().truncatedTo(ChronoUnit.SECONDS),
                modified.toInstant());
        HttpResponse<byte[]> text = get("/hello.txt");
        assertEquals("text/plain; charset=utf-8", header(text, "content-type"));
        assertEquals("hello, world\n", new String(text.body(), StandardCharsets.UTF_8));
    }

    @Test
    void rangedGetsSendTheRequestedBytes() throws Exception {
        HttpResponse<byte[]> middle = get("/big.bin", "Range", "bytes=1000-2999");
        assertEquals(206, middle.statusCode());
        assertEquals("bytes 1000-2999/" + BIG, header(middle, "content-range"));
        assertEquals("2000", header(middle, "content-length"));
        assertArrayEquals(Arrays.copyOfRange(big, 1000, 3000), middle.body());

        HttpResponse<byte[]> suffix = get("/big.bin", "Range", "bytes=-100");
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(big, BIG - 100, BIG), suffix.body());

        HttpResponse<byte[]> tail = get("/big.bin", "Range", "bytes=" + (BIG - 1_000_000) + "-");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(big, BIG - 1_000_000, BIG), tail.body());
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(root.resolve("big.bin"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf(BIG), header(response, "content-length"));
        assertEquals(0, response.body().length);
    }

    @Test
    void missingFilesAre404() throws Exception {
        assertEquals(404, get("/nope.bin").statusCode());
        assertEquals(404, get("/sub/nope/deeper").statusCode());
    }

    @Test
    void rangesBeyondTheEndAre416() throws Exception {
        HttpResponse<byte[]> response = get("/big.bin", "Range", "bytes=" + BIG + "-");
        assertEquals(416, response.statusCode());
        assertEquals("bytes */" + BIG, header(response, "content-range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/%2E%2E/%2e%2e/secret.txt", "/etc/passwd",
        "/etc/hostname", "/up", "/..%2fsecret.txt"})
    void pathEscapesAre403(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertEquals(403, response.statusCode(), path);
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("403 Forbidden"));
    }

    @Test
    void rawDotDotIsRefusedAsSent() throws Exception {
        List<String> responses = rawExchange("GET /../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        assertTrue(responses.get(0).startsWith("HTTP/1.1 403 "), responses.get(0));
    }

    @Test
    void directoriesRedirectAndServeTheirIndex() throws Exception {
        HttpResponse<byte[]> redirect = get("/sub");
        assertEquals(301, redirect.statusCode());
        assertEquals("/sub/", header(redirect, "location"));
        HttpResponse<byte[]> index = get("/sub/");
        assertEquals(200, index.statusCode());
        assertEquals("<p>inner</p>\n", new String(index.body(), StandardCharsets.UTF_8));
        assertEquals("text/html; charset=utf-8", header(index, "content-type"));
        String listing = new String(get("/").body(), StandardCharsets.UTF_8);
        assertTrue(listing.contains("href=\"hello.txt\""), listing);
    }

    @Test
    void conditionalRequestsUseLastModified() throws Exception {
        String lastModified = header(get("/big.bin"), "last-modified");
        assertEquals(304, get("/big.bin", "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, get("/big.bin", "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode());
        HttpResponse<byte[]> current = get("/big.bin", "Range", "bytes=0-9", "If-Range", lastModified);
        assertEquals(206, current.statusCode());
        HttpResponse<byte[]> stale = get("/big.bin", "Range", "bytes=0-9", "If-Range", "Sat, 01 Jan 2000 00:00:00 GMT");
        assertEquals(200, stale.statusCode());
        assertArrayEquals(big, stale.body());
    }

    /** Starts another server on a free port and returns its root URI. */
    private static URI startOther(ZeroCopyJar.Running running) throws InterruptedException {
        String line = running.awaitLine("listening on http://");
        return URI.create(line.substring("listening on ".length(), line.indexOf(' ', "listening on ".length())));
    }

    private static Socket connect(URI uri) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    @Test
    void idleKeepAliveConnectionsHoldNoWorker() throws Exception {
        try (ZeroCopyJar.Running small = ZeroCopyJar.start("serve", www.toString(), "--port", "0", "--threads", "2")) {
            URI uri = startOther(small);
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket socket = connect(uri);
                    idle.add(socket);
                    send(socket, "GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertTrue(readHead(socket.getInputStream()).startsWith("HTTP/1.1 200 "));
                    socket.getInputStream().readNBytes("hello, world\n".length());
                }
                // Eight kept-alive connections now wait for their next request; two workers exist.
                long start = System.nanoTime();
                try (Socket fresh = connect(uri)) {
                    fresh.setSoTimeout(5_000);
                    send(fresh, "GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertTrue(readHead(fresh.getInputStream()).startsWith("HTTP/1.1 200 "));
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "a new client waited " + millis + " ms");
                // And the idle ones are still served on their connections.
                for (Socket socket : idle) {
                    send(socket, "GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertTrue(readHead(socket.getInputStream()).startsWith("HTTP/1.1 200 "));
                    socket.getInputStream().readNBytes("hello, world\n".length());
                }
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            assertEquals(143, small.terminate().exitCode());
        }
    }

    @Test
    void aRequestHeadThatDripsInGets408() throws Exception {
        try (ZeroCopyJar.Running small = ZeroCopyJar.start("serve", www.toString(), "--port", "0", "--threads", "1",
                "--head-timeout", "1");
                Socket slow = connect(startOther(small))) {
            send(slow, "GET /hello.txt HTTP/1.1\r\n");
            java.util.concurrent.ScheduledExecutorService drip = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                // One header byte every 100 ms: never idle, never complete.
                drip.scheduleAtFixedRate(() -> {
                    try {
                        send(slow, "X");
                    } catch (IOException closed) {
                        throw new java.io.UncheckedIOException(closed);
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);
                slow.setSoTimeout(10_000);
                String head = readHead(slow.getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 408 "), head);
            } finally {
                drip.shutdownNow();
            }
            ZeroCopyJar.Result result = small.terminate();
            assertTrue(result.stderr().contains("(request head not received within 1000 ms) 408"), result::toString);
        }
    }

    @Test
    void requestsBeyondThreadsAndQueueGet503AndAreLogged() throws Exception {
        Path dir = Files.createDirectories(base.resolve("bounded"));
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(dir.resolve("huge.bin").toFile(), "rw")) {
            huge.setLength(1L << 30);
        }
        Files.writeString(dir.resolve("a.txt"), "a");
        try (ZeroCopyJar.Running bounded = ZeroCopyJar.start("serve", dir.toString(), "--port", "0", "--threads", "1");
                Socket stuck = connect(startOther(bounded))) {
            URI uri = URI.create("http://" + stuck.getInetAddress().getHostAddress() + ":" + stuck.getPort() + "/");
            // The only worker sends 1 GiB to a client that does not read: it stays busy.
            send(stuck, "GET /huge.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readHead(stuck.getInputStream()).startsWith("HTTP/1.1 200 "));
            // Four requests fill the queue; the fifth is refused, whichever it is.
            List<Socket> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    Socket socket = connect(uri);
                    waiting.add(socket);
                    send(socket, "GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n");
                }
                String line = bounded.awaitLineContaining(" (refused: too many requests at once) 503");
                assertTrue(line.matches("\\d{4}-.*Z 127\\.0\\.0\\.1:\\d+ \\(refused: too many requests at once\\) 503 0"), line);
                int refused = 0;
                for (Socket socket : waiting) {
                    socket.setSoTimeout(200);
                    try {
                        String head = readHead(socket.getInputStream());
                        assertTrue(head.startsWith("HTTP/1.1 503 "), head);
                        refused++;
                    } catch (java.net.SocketTimeoutException queued) {
                        // waiting for the worker
                    }
                }
                assertEquals(1, refused);
            } finally {
                for (Socket socket : waiting) {
                    socket.close();
                }
            }
            assertEquals(143, bounded.terminate().exitCode());
        }
    }

    @Test
    void anIpv4AddressListensOnIpv4OnlyAndPrintsAsWritten() throws Exception {
        try (ZeroCopyJar.Running any = ZeroCopyJar.start("serve", www.toString(), "--port", "0", "--bind", "0.0.0.0")) {
            String line = any.awaitLine("listening on http://");
            assertTrue(line.matches("listening on http://0\\.0\\.0\\.0:\\d+/ serving .*"), line);
            int port = URI.create(line.split(" ")[2]).getPort();
            try (Socket v4 = new Socket("127.0.0.1", port)) {
                assertTrue(v4.isConnected());
            }
            if (ipv6Loopback()) {
                assertThrows(java.net.ConnectException.class, () -> new Socket("::1", port).close(),
                        "0.0.0.0 must not accept IPv6 connections");
            }
            any.terminate();
        }
    }

    @Test
    void ipv6AddressesPrintInBrackets() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        try (ZeroCopyJar.Running v6 = ZeroCopyJar.start("serve", www.toString(), "--port", "0", "--bind", "::1")) {
            String line = v6.awaitLine("listening on http://");
            assertTrue(line.matches("listening on http://\\[::1\\]:\\d+/ serving .*"), line);
            v6.terminate();
        }
    }

    private static boolean ipv6Loopback() {
        try (java.nio.channels.ServerSocketChannel probe = java.nio.channels.ServerSocketChannel.open()) {
            probe.bind(new java.net.InetSocketAddress("::1", 0));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Test
    void underAnAsciiLocaleNonAsciiPathsGet404() throws Exception {
        try (ZeroCopyJar.Running ascii = ZeroCopyJar.startIn(base, java.util.Map.of("LC_ALL", "C", "LANG", "C"),
                "serve", www.toString(), "--port", "0");
                Socket socket = connect(startOther(ascii))) {
            send(socket, "GET /%C3%A9t%C3%A9.txt HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 404 "), head);
            ascii.terminate();
        }
    }

    @Test
    void withoutDirItServesTheCurrentDirectory() throws Exception {
        try (ZeroCopyJar.Running here = ZeroCopyJar.startIn(www, java.util.Map.of(), "serve", "--port", "0");
                Socket socket = connect(startOther(here))) {
            send(socket, "GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            assertEquals("hello, world\n", new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            here.terminate();
        }
    }

    @Test
    void aFileNamedAsADirectoryIs404() throws Exception {
        assertEquals(404, get("/hello.txt/").statusCode());
    }

    @Test
    void aRequestLineLongerThan8KiBIs414() throws Exception {
        List<String> responses = rawExchange("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        assertTrue(responses.get(0).startsWith("HTTP/1.1 414 "), responses.get(0));
    }

    @Test
    void redirectsKeepTheQuery() throws Exception {
        HttpResponse<byte[]> redirect = get("/sub?a=1&b=%20");
        assertEquals(301, redirect.statusCode());
        assertEquals("/sub/?a=1&b=%20", header(redirect, "location"));
    }

    @Test
    void entityTagsAnswerIfNoneMatch() throws Exception {
        String tag = header(get("/big.bin"), "etag");
        assertTrue(tag != null && tag.matches("\"[0-9a-f]+-[0-9a-f]+\""), String.valueOf(tag));
        HttpResponse<byte[]> same = get("/big.bin", "If-None-Match", "\"other\", " + tag);
        assertEquals(304, same.statusCode());
        assertEquals(tag, header(same, "etag"));
        assertEquals(200, get("/big.bin", "If-None-Match", "\"other\"").statusCode());
        assertEquals(304, get("/big.bin", "If-None-Match", "*").statusCode());
        // If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2).
        assertEquals(200, get("/big.bin", "If-None-Match", "\"other\"", "If-Modified-Since",
                header(get("/big.bin"), "last-modified")).statusCode());
        assertEquals(206, get("/big.bin", "Range", "bytes=0-9", "If-Range", tag).statusCode());
    }

    @Test
    void theListingLeavesOutWhatItWouldRefuse() throws Exception {
        String listing = new String(get("/").body(), StandardCharsets.UTF_8);
        assertTrue(listing.contains("href=\"hello.txt\""), listing);
        assertTrue(listing.contains("href=\"sub/\""), listing);
        assertFalse(listing.contains("href=\"etc/\""), listing);
        assertFalse(listing.contains("href=\"up\""), listing);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(root.resolve("hello.txt"))
                .POST(HttpRequest.BodyPublishers.ofString("data")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", header(response, "allow"));
    }

    @Test
    void keepAliveServesPipelinedRequestsOnOneConnection() throws Exception {
        String request = "GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n";
        List<String> responses = rawExchange(request + "GET /big.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\n"
                + request.replace("Host: x", "Host: x\r\nConnection: close"), 3);
        assertTrue(responses.get(0).startsWith("HTTP/1.1 200 ") && responses.get(0).endsWith("hello, world\n"),
                responses.get(0));
        assertTrue(responses.get(1).startsWith("HTTP/1.1 206 "), responses.get(1));
        assertTrue(responses.get(2).contains("Connection: close"), responses.get(2));
    }

    /** Sends raw bytes on one connection and reads {@code count} responses (head and body as text). */
    private static List<String> rawExchange(String requests, int count) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> responses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String head = readHead(in);
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                responses.add(head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
            }
            return responses;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void curlGetsFilesRangesAndRefusals() throws Exception {
        assumeTrue(curlAvailable(), "curl is not installed");
        Path out = base.resolve("curl.bin");
        assertEquals("200", curl("-o", out.toString(), "-w", "%{http_code}", root + "big.bin"));
        assertArrayEquals(big, Files.readAllBytes(out));
        assertEquals("206", curl("-o", out.toString(), "-w", "%{http_code}", "-r", "10-19", root + "big.bin"));
        assertArrayEquals(Arrays.copyOfRange(big, 10, 20), Files.readAllBytes(out));
        assertEquals("403", curl("-o", "/dev/null", "-w", "%{http_code}", "--path-as-is", root + "../secret.txt"));
        assertEquals("403", curl("-o", "/dev/null", "-w", "%{http_code}", root + "etc/passwd"));
        assertEquals("404", curl("-o", "/dev/null", "-w", "%{http_code}", root + "missing"));
        assertEquals("416", curl("-o", "/dev/null", "-w", "%{http_code}", "-r", BIG + "-", root + "big.bin"));
        String head = curl("-I", root + "big.bin");
        assertTrue(head.startsWith("HTTP/1.1 200") && head.contains("Content-Length: " + BIG), head);
        // Two URLs, one connection: keep-alive works.
        assertEquals("1 0", curl("-o", "/dev/null", "-o", "/dev/null", "-w", "%{num_connects} ",
                root + "hello.txt", root + "big.bin").trim());
    }

    private static boolean curlAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "curl"))) {
                return true;
            }
        }
        return false;
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "30"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "curl timed out");
        assertEquals(0, process.exitValue(), () -> "curl " + command + ": " + new String(output, StandardCharsets.UTF_8));
        return new String(output, StandardCharsets.UTF_8);
    }
}
