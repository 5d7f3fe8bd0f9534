package dev.zerocopy.cli.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The HTML page listing a directory that has no {@code index.html}. */
final class DirectoryListing {

    private DirectoryListing() {
    }

    /**
     * Renders the listing.
     *
     * @param directory the directory
     * @param urlPath   its decoded request path, ending with {@code /}
     * @param root      the served root: entries it would refuse (links out of it, devices, FIFOs) are left out
     * @return the page, UTF-8
     * @throws IOException if the directory cannot be read
     */
    static byte[] render(Path directory, String urlPath, DocumentRoot root) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(root::servable)
                    .forEach(entry -> names.add(entry.getFileName() + (Files.isDirectory(entry) ? "/" : "")));
        }
        names.sort(null);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(urlPath)).append("</title></head><body>\n<h1>").append(escape(urlPath))
                .append("</h1>\n<ul>\n");
        if (!urlPath.equals("/")) {
            html.append("<li><a href=\"../\">../</a></li>\n");
        }
        for (String name : names) {
            boolean dir = name.endsWith("/");
            String bare = dir ? name.substring(0, name.length() - 1) : name;
            html.append("<li><a href=\"").append(encodeSegment(bare)).append(dir ? "/" : "").append("\">")
                    .append(escape(name)).append("</a></li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Percent-encodes a decoded absolute path segment by segment (never yields {@code //}, which a
     * browser would read as another host).
     *
     * @param path such as {@code /a b/c}
     * @return such as {@code /a%20b/c}
     */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                out.append('/').append(encodeSegment(segment));
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /**
     * Percent-encodes a path segment: everything but RFC 3986 unreserved characters.
     *
     * @param segment the segment
     * @return the encoded segment
     */
    static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
