package dev.zerocopy.cli.http;

/** The HTTP status codes the static file server sends. */
public enum HttpStatus {
    /** 200. */
    OK(200, "OK"),
    /** 206. */
    PARTIAL_CONTENT(206, "Partial Content"),
    /** 301. */
    MOVED_PERMANENTLY(301, "Moved Permanently"),
    /** 304. */
    NOT_MODIFIED(304, "Not Modified"),
    /** 400. */
    BAD_REQUEST(400, "Bad Request"),
    /** 403. */
    FORBIDDEN(403, "Forbidden"),
    /** 404. */
    NOT_FOUND(404, "Not Found"),
    /** 405. */
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    /** 408. */
    REQUEST_TIMEOUT(408, "Request Timeout"),
    /** 414. */
    URI_TOO_LONG(414, "URI Too Long"),
    /** 416. */
    RANGE_NOT_SATISFIABLE(416, "Range Not Satisfiable"),
    /** 431. */
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large"),
    /** 500. */
    INTERNAL_ERROR(500, "Internal Server Error"),
    /** 501. */
    NOT_IMPLEMENTED(501, "Not Implemented"),
    /** 503. */
    UNAVAILABLE(503, "Service Unavailable"),
    /** 505. */
    VERSION_NOT_SUPPORTED(505, "HTTP Version Not Supported");

    private final int code;
    private final String reason;

    HttpStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /**
     * Returns the numeric code.
     *
     * @return the code, such as 404
     */
    public int code() {
        return code;
    }

    /**
     * Returns the reason phrase.
     *
     * @return the phrase, such as {@code "Not Found"}
     */
    public String reason() {
        return reason;
    }

    /**
     * Tells whether a response with this status may carry a body.
     *
     * @return {@code false} for 304
     */
    public boolean allowsBody() {
        return this != NOT_MODIFIED;
    }
}
