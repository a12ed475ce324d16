package dev.retrospec.codegen.model;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A security scheme from {@code components.securitySchemes}, by the name the description gives it, and by the Java
 * name the client's builder gives it.
 */
public sealed interface SecurityScheme {
    /** The scheme's name in the description: operations name it in their {@code security}. */
    String name();

    /**
     * The scheme in the client's builder: the name of its field and of the method that configures the rest of it,
     * and the prefix of its other methods when the builder has several schemes. Unique among the schemes, and never
     * a name the builder has for something else.
     */
    String javaName();

    @Nullable
    String description();

    /** The suffixes of the builder's methods for this kind of scheme: {@link #builderMethod} makes their names. */
    List<String> methodSuffixes();

    /** The stem of the client class's constants for the scheme ({@code MICROTEK_AUTH_TOKEN_URL}). */
    default String constantName() {
        return Names.constantName(javaName());
    }

    /**
     * A builder method of a scheme: {@code suffix} alone when the builder configures only one scheme, or when the
     * suffix already begins with the scheme's name ({@code basic} and {@code basicAuth}); else {@code javaName}
     * followed by the suffix ({@code githubTokenProvider}).
     */
    static String builderMethod(String javaName, String suffix, boolean severalSchemes) {
        if (!severalSchemes || suffix.toLowerCase(Locale.ROOT).startsWith(javaName.toLowerCase(Locale.ROOT))) {
            return suffix;
        }
        return javaName + suffix.substring(0, 1).toUpperCase(Locale.ROOT) + suffix.substring(1);
    }

    /**
     * OAuth2 with a client credentials flow: the runtime fetches and refreshes the token.
     *
     * @param tokenUrl the flow's {@code tokenUrl} as the description writes it: absolute, or relative to the API's
     *     base URL, which the runtime resolves it against when the client is built
     * @param singleActiveToken the description says its provider keeps one active token per client
     *     ({@code x-retrospec-token-policy: single-active}): the client then drains requests before a refresh
     */
    record OAuth2ClientCredentials(
            String name,
            String javaName,
            @Nullable String description,
            String tokenUrl,
            List<String> scopes,
            boolean singleActiveToken)
            implements SecurityScheme {
        public OAuth2ClientCredentials {
            scopes = List.copyOf(scopes);
        }

        @Override
        public List<String> methodSuffixes() {
            return List.of("clientCredentials", "tokenProvider", "tokenManager", "tokenListener", "tokenStore");
        }
    }

    /** {@code http} with {@code bearer}: a token the user has or fetches. */
    record HttpBearer(
            String name, String javaName, @Nullable String description) implements SecurityScheme {
        @Override
        public List<String> methodSuffixes() {
            return List.of("bearerToken", "bearerTokenProvider");
        }
    }

    /** {@code http} with {@code basic}: a user name and password. */
    record HttpBasic(String name, String javaName, @Nullable String description) implements SecurityScheme {
        @Override
        public List<String> methodSuffixes() {
            return List.of("basicAuth");
        }
    }

    /** {@code apiKey}: a key in a header, a query parameter or a cookie. */
    record ApiKey(String name, String javaName, @Nullable String description, Location in, String parameterName)
            implements SecurityScheme {
        @Override
        public List<String> methodSuffixes() {
            return List.of("apiKey");
        }
    }

    /** Where an API key goes. */
    enum Location {
        HEADER,
        QUERY,
        COOKIE
    }

    /** A scheme the generated client cannot satisfy by itself (other OAuth2 flows, OpenID Connect, ...). */
    record Unsupported(
            String name, String javaName, @Nullable String description, String type) implements SecurityScheme {
        @Override
        public List<String> methodSuffixes() {
            return List.of();
        }
    }
}
