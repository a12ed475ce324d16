package dev.retrospec.runtime;

/** HTTP 5xx: the server failed. {@link Retries} has already tried again where that was safe. */
public final class ServerException extends ApiException {
    private static final long serialVersionUID = 1L;

    ServerException(Parts parts) {
        super(parts);
    }
}
