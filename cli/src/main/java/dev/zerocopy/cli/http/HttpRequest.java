package dev.zerocopy.cli.http;

import java.util.Locale;
import java.util.Map;

/**
 * A parsed HTTP/1.x request head.
 *
 * @param method  the method, such as {@code GET}
 * @param target  the request target as sent (not decoded)
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields by lower-case name; repeated fields are joined with {@code ", "}
 */
public record HttpRequest(String method, String target, String version, Map<String, String> headers) {

    /**
     * Returns a header field's value.
     *
     * @param name the field name, any case
     * @return the value, or {@code null} if absent
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Tells whether the connection stays open after the response: by default for HTTP/1.1, with
     * {@code Connection: keep-alive} for HTTP/1.0, never with {@code Connection: close}.
     *
     * @return whether to keep the connection
     */
    public boolean keepAlive() {
        String connection = header("connection");
        String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        if (tokens.contains("close")) {
            return false;
        }
        return "HTTP/1.1".equals(version) || tokens.contains("keep-alive");
    }
}
