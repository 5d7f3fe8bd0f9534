package dev.zerocopy.cli.http;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Answers one request for the static file server: GET and HEAD of files (whole, one {@code Range},
 * {@code If-Modified-Since}, {@code If-Range}) and directories ({@code index.html} or a listing); file
 * bodies are sent with {@link ZeroCopyTransfer#transfer(FileChannel, long, long,
 * java.nio.channels.WritableByteChannel)}.
 */
final class FileResponder {

    /**
     * What was answered.
     *
     * @param status    the status sent
     * @param bodyBytes the body bytes sent
     * @param keepAlive whether the connection may carry another request
     */
    record Outcome(HttpStatus status, long bodyBytes, boolean keepAlive) {
    }

    private final DocumentRoot root;
    private final ZeroCopyTransfer zc;

    /**
     * Creates the responder.
     *
     * @param root the directory served
     * @param zc   the transfer used for file bodies
     */
    FileResponder(DocumentRoot root, ZeroCopyTransfer zc) {
        this.root = root;
        this.zc = zc;
    }

    /**
     * Answers a request.
     *
     * @param request   the request
     * @param keepAlive whether the client and server want to keep the connection
     * @param out       the connection
     * @return what was answered
     * @throws IOException if writing to the connection fails
     */
    Outcome respond(HttpRequest request, boolean keepAlive, SocketChannel out) throws IOException {
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            return error(HttpStatus.METHOD_NOT_ALLOWED, "only GET and HEAD", keepAlive, head, out, "Allow", "GET, HEAD");
        }
        DocumentRoot.Resolution resolution = root.resolve(request.target());
        switch (resolution.outcome()) {
            case BAD_REQUEST:
                return error(HttpStatus.BAD_REQUEST, "bad request target", false, head, out);
            case FORBIDDEN:
                return error(HttpStatus.FORBIDDEN, "outside the served directory", keepAlive, head, out);
            case NOT_FOUND:
                return error(HttpStatus.NOT_FOUND, "no such file", keepAlive, head, out);
            default:
                break;
        }
        Path path = resolution.path();
        if (Files.isDirectory(path)) {
            if (!resolution.decoded().endsWith("/")) {
                return error(HttpStatus.MOVED_PERMANENTLY, "see " + resolution.decoded() + "/", keepAlive, head, out,
                        "Location", DirectoryListing.encodePath(resolution.decoded()) + "/" + query(request.target()));
            }
            Path index = path.resolve("index.html");
            if (!Files.isRegularFile(index)) {
                return listing(path, resolution.decoded(), keepAlive, head, out);
            }
            path = index.toRealPath();
            if (!path.startsWith(root.path())) {
                return error(HttpStatus.FORBIDDEN, "outside the served directory", keepAlive, head, out);
            }
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return error(HttpStatus.FORBIDDEN, "not a regular file", keepAlive, head, out);
        }
        return file(request, path, keepAlive, head, out);
    }

    private Outcome file(HttpRequest request, Path path, boolean keepAlive, boolean head, SocketChannel out)
            throws IOException {
        FileChannel file;
        Instant modified;
        java.nio.file.attribute.FileTime modifiedExactly;
        try {
            file = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            modifiedExactly = Files.getLastModifiedTime(path);
            modified = modifiedExactly.toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (IOException e) {
            return error(HttpStatus.FORBIDDEN, "cannot read the file", keepAlive, head, out);
        }
        try (file) {
            long size = file.size();
            String lastModified = HttpDates.format(modified);
            String tag = entityTag(size, modifiedExactly);
            String rangeHeader = request.header("range");
            String ifRange = request.header("if-range");
            if (ifRange != null && !ifRange.equals(lastModified) && !ifRange.equals(tag)) {
                rangeHeader = null;
            }
            String ifNoneMatch = request.header("if-none-match");
            Instant since = ifNoneMatch != null ? null : HttpDates.parse(request.header("if-modified-since"));
            boolean unchanged = ifNoneMatch != null ? noneMatchHits(ifNoneMatch, tag)
                    : since != null && rangeHeader == null && !modified.isAfter(since);
            if (unchanged) {
                ResponseHead notModified = new ResponseHead(HttpStatus.NOT_MODIFIED)
                        .header("ETag", tag)
                        .header("Last-Modified", lastModified);
                connection(notModified, keepAlive).writeTo(out);
                return new Outcome(HttpStatus.NOT_MODIFIED, 0, keepAlive);
            }
            ByteRange range = ByteRange.parse(rangeHeader, size);
            if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
                return error(HttpStatus.RANGE_NOT_SATISFIABLE, "range not satisfiable for " + size + " bytes",
                        keepAlive, head, out, "Content-Range", range.contentRange());
            }
            boolean partial = range.kind() == ByteRange.Kind.PARTIAL;
            ResponseHead response = new ResponseHead(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
                    .header("Content-Type", ContentTypes.of(path.getFileName().toString()))
                    .header("Content-Length", range.length())
                    .header("Last-Modified", lastModified)
                    .header("ETag", tag)
                    .header("Accept-Ranges", "bytes");
            if (partial) {
                response.header("Content-Range", range.contentRange());
            }
            connection(response, keepAlive).writeTo(out);
            if (head) {
                return new Outcome(response.status(), 0, keepAlive);
            }
            long sent = zc.transfer(file, range.start(), range.length(), out);
            // A file that shrank cannot fill the promised Content-Length: closing tells the client.
            return new Outcome(response.status(), sent, keepAlive && sent == range.length());
        }
    }

    /** Returns the target's query with its {@code ?}, or an empty string. */
    private static String query(String target) {
        int question = target.indexOf('?');
        if (question < 0) {
            return "";
        }
        int fragment = target.indexOf('#', question);
        return fragment < 0 ? target.substring(question) : target.substring(question, fragment);
    }

    /**
     * Returns a strong entity tag made of the file's size and modification time, as common servers do:
     * {@code "SIZE-MTIME"} in hexadecimal, the time in microseconds.
     */
    private static String entityTag(long size, java.nio.file.attribute.FileTime modified) {
        return "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.to(java.util.concurrent.TimeUnit.MICROSECONDS))
                + "\"";
    }

    /** Whether an If-None-Match value matches the tag (weak comparison, RFC 9110 section 13.1.2). */
    private static boolean noneMatchHits(String ifNoneMatch, String tag) {
        String bare = tag.substring(1, tag.length() - 1);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("\"" + bare + "\"")) {
                return true;
            }
        }
        return false;
    }

    private Outcome listing(Path directory, String urlPath, boolean keepAlive, boolean head, SocketChannel out)
            throws IOException {
        byte[] page = DirectoryListing.render(directory, urlPath, root);
        ResponseHead response = new ResponseHead(HttpStatus.OK)
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Content-Length", page.length);
        connection(response, keepAlive).writeTo(out);
        if (!head) {
            ResponseHead.writeFully(out, ByteBuffer.wrap(page));
        }
        return new Outcome(HttpStatus.OK, head ? 0 : page.length, keepAlive);
    }

    /**
     * Sends an error (or redirect) with a short text body.
     *
     * @param status    the status
     * @param message   the body's text
     * @param keepAlive whether the connection stays open
     * @param head      whether the request was HEAD (no body)
     * @param out       the connection
     * @param fields    extra header fields, as name, value pairs
     * @return what was answered
     * @throws IOException if writing fails
     */
    static Outcome error(HttpStatus status, String message, boolean keepAlive, boolean head, SocketChannel out,
            String... fields) throws IOException {
        byte[] body = (status.code() + " " + status.reason() + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
        ResponseHead response = new ResponseHead(status)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Content-Length", body.length);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            response.header(fields[i], fields[i + 1]);
        }
        connection(response, keepAlive).writeTo(out);
        if (!head) {
            ResponseHead.writeFully(out, ByteBuffer.wrap(body));
        }
        return new Outcome(status, head ? 0 : body.length, keepAlive);
    }

    private static ResponseHead connection(ResponseHead response, boolean keepAlive) {
        return response.header("Connection", keepAlive ? "keep-alive" : "close");
    }
}
