package dev.retrospec.runtime.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token as a {@link TokenStore} shares it between processes: nothing in it depends on one JVM's clock.
 *
 * @param expiresAt when the issuer's {@code expires_in} runs out, on the wall clock of the instance that fetched it
 *     (readers allow for skew); null if the issuer gave no lifetime
 * @param version the fencing number of the lease it was fetched under: higher is newer
 */
public record StoredToken(AccessToken token, @Nullable Instant expiresAt, long version) {
    public StoredToken {
        Objects.requireNonNull(token, "token == null");
    }
}
