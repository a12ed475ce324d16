/**
 * OAuth2 bearer tokens for API clients: one token, fetched once, shared by every thread, refreshed before it
 * expires and after the server rejects it, never leaked.
 *
 * <p>Start with {@link dev.retrospec.runtime.auth.TokenManager}: it owns the token lifecycle for one set of
 * credentials. {@link dev.retrospec.runtime.auth.BearerAuth} installs it into an {@code OkHttpClient}.
 */
@NullMarked
package dev.retrospec.runtime.auth;

import org.jspecify.annotations.NullMarked;
