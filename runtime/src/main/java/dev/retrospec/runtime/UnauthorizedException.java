package dev.retrospec.runtime;

/** HTTP 401 Unauthorized: the request carried no valid credentials, and the authenticator could not get ones the server accepts. */
public final class UnauthorizedException extends ApiException {
    private static final long serialVersionUID = 1L;

    UnauthorizedException(Parts parts) {
        super(parts);
    }
}
