package dev.retrospec.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How many times, how soon and on which statuses {@link Retries} tries a request again. Immutable; start from
 * {@link #defaults()} or {@link #none()} and change it with {@link #newBuilder()}.
 *
 * <p>A client's policy applies to every call; one call can carry its own as a request tag: a Retrofit parameter
 * {@code @Tag RetryPolicy policy}, or {@code request.newBuilder().tag(RetryPolicy.class, policy)}.
 */
public final class RetryPolicy {
    private static final int[] DEFAULT_STATUSES = {408, 429, 500, 502, 503, 504};
    private static final RetryPolicy DEFAULTS = new Builder().build();
    private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration totalBudget;
    /** Sorted, no duplicates. */
    private final int[] statuses;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.baseDelay = builder.baseDelay;
        this.maxDelay = builder.maxDelay;
        this.totalBudget = builder.totalBudget;
        this.statuses = builder.statuses.clone();
    }

    /**
     * Three attempts in all, 0.5 s before the second and 1 s before the third (each jittered down by up to a half,
     * at most 8 s), within 30 s, on 408, 429, 500, 502, 503 and 504 and on connection failures.
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt: never retries. */
    public static RetryPolicy none() {
        return NONE;
    }

    public Builder newBuilder() {
        return new Builder(this);
    }

    /** Attempts of one call, the first included; 1 means no retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before the first retry; it doubles for each one after. */
    public Duration baseDelay() {
        return baseDelay;
    }

    /** The longest computed delay between two attempts (a server's {@code Retry-After} may ask for longer). */
    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * The longest a call may spend from its first attempt until the start of its last: no retry starts, and no
     * {@code Retry-After} is waited for, past it.
     */
    public Duration totalBudget() {
        return totalBudget;
    }

    /** Whether a response with this status is tried again. */
    public boolean retriesStatus(int code) {
        return Arrays.binarySearch(statuses, code) >= 0;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RetryPolicy other
                && maxAttempts == other.maxAttempts
                && baseDelay.equals(other.baseDelay)
                && maxDelay.equals(other.maxDelay)
                && totalBudget.equals(other.totalBudget)
                && Arrays.equals(statuses, other.statuses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, baseDelay, maxDelay, totalBudget, Arrays.hashCode(statuses));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
                + ", totalBudget=" + totalBudget + ", statuses=" + Arrays.toString(statuses) + "]";
    }

    /** Configures a {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(8);
        private Duration totalBudget = Duration.ofSeconds(30);
        private int[] statuses = DEFAULT_STATUSES;

        private Builder() {}

        private Builder(RetryPolicy policy) {
            this.maxAttempts = policy.maxAttempts;
            this.baseDelay = policy.baseDelay;
            this.maxDelay = policy.maxDelay;
            this.totalBudget = policy.totalBudget;
            this.statuses = policy.statuses;
        }

        /** Attempts of one call, the first included: at least 1. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = nonNegative(baseDelay, "baseDelay");
            return this;
        }

        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = nonNegative(maxDelay, "maxDelay");
            return this;
        }

        public Builder totalBudget(Duration totalBudget) {
            this.totalBudget = nonNegative(totalBudget, "totalBudget");
            return this;
        }

        /**
         * The statuses to retry instead of the default 408, 429, 500, 502, 503 and 504: 4xx or 5xx, never 401 or 407
         * (the authenticator's).
         */
        public Builder retryStatuses(int... statuses) {
            int[] sorted = Arrays.stream(statuses).sorted().distinct().toArray();
            for (int code : sorted) {
                if (code < 400 || code > 599) {
                    throw new IllegalArgumentException("not an error status: " + code);
                }
                if (code == 401 || code == 407) {
                    throw new IllegalArgumentException(
                            code + " is the authenticator's to answer, never retried by Retries");
                }
            }
            this.statuses = sorted;
            return this;
        }

        public RetryPolicy build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " < baseDelay " + baseDelay);
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration duration, String name) {
            Objects.requireNonNull(duration, name + " == null");
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " < 0: " + duration);
            }
            return duration;
        }
    }
}
