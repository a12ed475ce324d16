package dev.retrospec.runtime;

/** HTTP 400 Bad Request: the server will not process the request as sent. */
public final class BadRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    BadRequestException(Parts parts) {
        super(parts);
    }
}
