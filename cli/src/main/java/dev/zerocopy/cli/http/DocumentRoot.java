package dev.zerocopy.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Maps request targets to files inside one directory and refuses every way out of it: {@code ..}
 * segments (also percent-encoded, such as {@code %2e%2e}), encoded slashes, backslashes and NUL bytes,
 * and symbolic links whose real path lies outside the directory.
 *
 * <p>The check is made on the real path when the request is served; a link swapped between the check
 * and the open is not detected (the directory is assumed not to be writable by adversaries).
 */
public final class DocumentRoot {

    /** The outcome of a resolution. */
    public enum Outcome {
        /** The file or directory exists inside the root. */
        FOUND,
        /** Nothing exists at that path. */
        NOT_FOUND,
        /** The path would leave the root. */
        FORBIDDEN,
        /** The target is not a valid origin-form path. */
        BAD_REQUEST
    }

    /**
     * A resolved target.
     *
     * @param outcome what was found
     * @param path    the real path of what was found (inside the root), or {@code null}
     * @param decoded the decoded request path without empty and {@code .} segments, such as
     *                {@code /docs/a b.txt}, or {@code null}
     */
    public record Resolution(Outcome outcome, Path path, String decoded) {
    }

    private final Path root;

    /**
     * Creates a root.
     *
     * @param directory an existing directory
     * @throws IOException if it does not exist or cannot be resolved
     */
    public DocumentRoot(Path directory) throws IOException {
        this.root = directory.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NotDirectoryException(directory.toString());
        }
    }

    /**
     * Returns the root's real path.
     *
     * @return the directory
     */
    public Path path() {
        return root;
    }

    /**
     * Tells whether a listing may show a directory entry: only entries a request would get, that is
     * directories and regular files whose real path lies inside the root, with names a request path
     * can carry.
     *
     * @param entry an entry of a directory inside the root
     * @return whether to list it
     */
    public boolean servable(Path entry) {
        String name = String.valueOf(entry.getFileName());
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return false;
        }
        try {
            Path real = entry.toRealPath();
            return real.startsWith(root) && (Files.isDirectory(real) || Files.isRegularFile(real));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Resolves a request target (origin form {@code /a/b?q}, or absolute form {@code http://h/a/b}).
     *
     * @param target the request target as sent
     * @return the resolution
     */
    public Resolution resolve(String target) {
        String raw = stripAuthority(target);
        if (raw == null || !raw.startsWith("/")) {
            return new Resolution(Outcome.BAD_REQUEST, null, null);
        }
        int cut = indexOfAny(raw, '?', '#');
        if (cut >= 0) {
            raw = raw.substring(0, cut);
        }
        String decoded;
        try {
            decoded = percentDecode(raw);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return new Resolution(Outcome.BAD_REQUEST, null, null);
        }
        if (decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0 || containsEncodedSlash(raw)) {
            return new Resolution(Outcome.FORBIDDEN, null, decoded);
        }
        Path candidate = root;
        StringBuilder normal = new StringBuilder();
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return new Resolution(Outcome.FORBIDDEN, null, decoded);
            }
            try {
                candidate = candidate.resolve(segment);
            } catch (java.nio.file.InvalidPathException unencodable) {
                // The JVM's file name encoding cannot represent this name (a C/POSIX locale), so no
                // file here has it.
                return new Resolution(Outcome.NOT_FOUND, null, null);
            }
            normal.append('/').append(segment);
        }
        if (normal.length() == 0 || decoded.endsWith("/")) {
            normal.append('/');
        }
        decoded = normal.toString();
        if (!candidate.normalize().startsWith(root)) {
            return new Resolution(Outcome.FORBIDDEN, null, decoded);
        }
        if (!Files.exists(candidate)) {
            return new Resolution(Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) ? Outcome.FORBIDDEN
                    : Outcome.NOT_FOUND, null, decoded);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            return new Resolution(Outcome.NOT_FOUND, null, decoded);
        }
        if (!real.startsWith(root)) {
            return new Resolution(Outcome.FORBIDDEN, null, decoded);
        }
        if (decoded.endsWith("/") && !Files.isDirectory(real)) {
            // "/file/" names a directory; a file is not one (as Apache, nginx and python answer).
            return new Resolution(Outcome.NOT_FOUND, null, decoded);
        }
        return new Resolution(Outcome.FOUND, real, decoded);
    }

    private static String stripAuthority(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0 || target.startsWith("/")) {
            return target;
        }
        int path = target.indexOf('/', scheme + 3);
        return path < 0 ? "/" : target.substring(path);
    }

    private static boolean containsEncodedSlash(String raw) {
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00");
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes %XX escapes as UTF-8; a '+' stays a '+' (paths are not form data). */
    private static String percentDecode(String raw) throws CharacterCodingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                throw new IllegalArgumentException("unescaped character in target");
            } else {
                bytes.write(c);
            }
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
    }
}
