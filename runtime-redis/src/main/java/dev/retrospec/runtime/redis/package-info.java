/**
 * A {@link dev.retrospec.runtime.auth.TokenStore} on Redis: {@link dev.retrospec.runtime.redis.RedisTokenStore}.
 */
@NullMarked
package dev.retrospec.runtime.redis;

import org.jspecify.annotations.NullMarked;
