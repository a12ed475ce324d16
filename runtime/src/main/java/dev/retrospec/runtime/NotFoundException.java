package dev.retrospec.runtime;

/** HTTP 404 Not Found. */
public final class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    NotFoundException(Parts parts) {
        super(parts);
    }
}
