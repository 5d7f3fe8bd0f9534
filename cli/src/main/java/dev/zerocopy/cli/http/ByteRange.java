package dev.zerocopy.cli.http;

import java.util.Locale;

/**
 * The part of a file a request asks for, from its {@code Range} header (RFC 9110 §14): one range of
 * {@code bytes}, as {@code first-last}, {@code first-} or the suffix {@code -length}.
 *
 * <p>A missing, malformed or multi-range header selects the whole file, which RFC 9110 allows a server
 * to send instead; a syntactically valid range that starts at or beyond the end is unsatisfiable (416).
 *
 * @param kind   what to send
 * @param start  the first byte's offset
 * @param length the number of bytes
 * @param size   the file's size
 */
public record ByteRange(Kind kind, long start, long length, long size) {

    /** What to send. */
    public enum Kind {
        /** The whole file, 200. */
        FULL,
        /** One part, 206 with {@code Content-Range}. */
        PARTIAL,
        /** Nothing, 416 with {@code Content-Range: bytes *}{@code /size}. */
        UNSATISFIABLE
    }

    /**
     * Returns the {@code Content-Range} value for a 206 or 416 response.
     *
     * @return such as {@code bytes 0-99/1000} or {@code bytes *}{@code /1000}
     */
    public String contentRange() {
        return kind == Kind.UNSATISFIABLE ? "bytes */" + size
                : "bytes " + start + "-" + (start + length - 1) + "/" + size;
    }

    /**
     * Interprets a {@code Range} header for a file.
     *
     * @param header the header's value, or {@code null}
     * @param size   the file's size
     * @return the range to send
     */
    public static ByteRange parse(String header, long size) {
        ByteRange full = new ByteRange(Kind.FULL, 0, size, size);
        if (header == null) {
            return full;
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return full;
        }
        String spec = value.substring(equals + 1).strip();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return full;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        long firstPos = digits(first);
        long lastPos = digits(last);
        if (first.isEmpty()) {
            return suffix(lastPos, size, full);
        }
        if (firstPos < 0 || (!last.isEmpty() && (lastPos < 0 || lastPos < firstPos))) {
            return full;
        }
        if (firstPos >= size) {
            return new ByteRange(Kind.UNSATISFIABLE, 0, 0, size);
        }
        long end = last.isEmpty() ? size - 1 : Math.min(lastPos, size - 1);
        return new ByteRange(Kind.PARTIAL, firstPos, end - firstPos + 1, size);
    }

    private static ByteRange suffix(long suffixLength, long size, ByteRange full) {
        if (suffixLength < 0) {
            return full;
        }
        if (suffixLength == 0 || size == 0) {
            return new ByteRange(Kind.UNSATISFIABLE, 0, 0, size);
        }
        long length = Math.min(suffixLength, size);
        return new ByteRange(Kind.PARTIAL, size - length, length, size);
    }

    /** Parses a non-empty string of ASCII digits; -1 if it is not one (or overflows). */
    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}
