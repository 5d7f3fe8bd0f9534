package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
                assertTrue(result.stdout().contains("\"GET /big.bin HTTP/1.1\" 200 " + BIG), result::toString);
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

    @Test
    void connectionsBeyondThreadsAndQueueGet503() throws Exception {
        Path small = Files.createDirectories(base.resolve("bounded"));
        Files.writeString(small.resolve("a.txt"), "a");
        try (ZeroCopyJar.Running bounded = ZeroCopyJar.start("serve", small.toString(), "--port", "0", "--threads", "1");
                Socket busy = new Socket()) {
            String line = bounded.awaitLine("listening on http://");
            URI uri = URI.create(line.substring("listening on ".length(), line.indexOf(' ', "listening on ".length())));
            busy.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
            busy.setSoTimeout(30_000);
            busy.getOutputStream().write("GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            // The only thread now waits for this kept-alive connection's next request.
            assertTrue(readHead(busy.getInputStream()).startsWith("HTTP/1.1 200 "));
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    queued.add(new Socket(uri.getHost(), uri.getPort()));
                }
                try (Socket rejected = new Socket(uri.getHost(), uri.getPort())) {
                    rejected.setSoTimeout(30_000);
                    String head = readHead(rejected.getInputStream());
                    assertTrue(head.startsWith("HTTP/1.1 503 "), head);
                }
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
            assertEquals(143, bounded.terminate().exitCode());
        }
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
