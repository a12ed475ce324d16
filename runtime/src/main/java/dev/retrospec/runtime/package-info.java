/**
 * What generated Retrospec clients need at run time besides Retrofit, OkHttp and Moshi.
 *
 * <p>{@link dev.retrospec.runtime.auth} holds the OAuth2 token lifecycle and its OkHttp glue,
 * {@link dev.retrospec.runtime.json} the Moshi adapters for the types OpenAPI formats map to. Nothing here
 * depends on generated code.
 */
@NullMarked
package dev.retrospec.runtime;

import org.jspecify.annotations.NullMarked;
