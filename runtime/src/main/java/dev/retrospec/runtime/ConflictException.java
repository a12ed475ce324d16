package dev.retrospec.runtime;

/** HTTP 409 Conflict with the current state of the resource. */
public final class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;

    ConflictException(Parts parts) {
        super(parts);
    }
}
