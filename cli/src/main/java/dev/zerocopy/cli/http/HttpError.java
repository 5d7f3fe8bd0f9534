package dev.zerocopy.cli.http;

/** A request the server answers with an error status and then closes the connection. */
final class HttpError extends Exception {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    /**
     * Creates the error.
     *
     * @param status  the status to answer with
     * @param message what was wrong, for the response body
     */
    HttpError(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * Returns the status to answer with.
     *
     * @return the status
     */
    HttpStatus status() {
        return status;
    }
}
