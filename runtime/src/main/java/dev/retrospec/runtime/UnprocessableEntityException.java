package dev.retrospec.runtime;

/** HTTP 422 Unprocessable Content: well-formed, but the server cannot act on it (validation errors). */
public final class UnprocessableEntityException extends ApiException {
    private static final long serialVersionUID = 1L;

    UnprocessableEntityException(Parts parts) {
        super(parts);
    }
}
