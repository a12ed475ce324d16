package dev.retrospec.runtime;

/** HTTP 403 Forbidden: the credentials are valid but do not allow this. */
public final class ForbiddenException extends ApiException {
    private static final long serialVersionUID = 1L;

    ForbiddenException(Parts parts) {
        super(parts);
    }
}
