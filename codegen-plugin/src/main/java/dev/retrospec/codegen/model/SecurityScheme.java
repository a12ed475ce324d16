package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A security scheme from {@code components.securitySchemes}, by the name the description gives it. */
public sealed interface SecurityScheme {
    String name();

    @Nullable
    String description();

    /** OAuth2 with a client credentials flow: the runtime fetches and refreshes the token. */
    record OAuth2ClientCredentials(String name, @Nullable String description, String tokenUrl, List<String> scopes)
            implements SecurityScheme {
        public OAuth2ClientCredentials {
            scopes = List.copyOf(scopes);
        }
    }

    /** {@code http} with {@code bearer}: a token the user has or fetches. */
    record HttpBearer(String name, @Nullable String description) implements SecurityScheme {}

    /** {@code http} with {@code basic}: a user name and password. */
    record HttpBasic(String name, @Nullable String description) implements SecurityScheme {}

    /** {@code apiKey}: a key in a header, a query parameter or a cookie. */
    record ApiKey(String name, @Nullable String description, Location in, String parameterName)
            implements SecurityScheme {}

    /** Where an API key goes. */
    enum Location {
        HEADER,
        QUERY,
        COOKIE
    }

    /** A scheme the generated client cannot satisfy by itself (other OAuth2 flows, OpenID Connect, ...). */
    record Unsupported(String name, @Nullable String description, String type) implements SecurityScheme {}
}
