package dev.retrospec.runtime.auth;

import java.util.concurrent.atomic.LongAdder;

/** The current token, its local deadlines and the requests in flight with it. */
final class CurrentToken {
    final AccessToken token;
    final long version;
    final long refreshAt;
    final long expiresAt;
    /** The last point (ticker) until which the token is kept while the store is down: half the margin left. */
    final long holdUntil;
    /** Whether this is a token kept through a store outage past its refresh point. */
    final boolean held;

    /** Requests in flight with this token; a token kept through an outage counts on with the same. */
    final LongAdder requests;

    volatile boolean draining;
    volatile boolean rejected;

    CurrentToken(AccessToken token, long version, long refreshAt, long expiresAt) {
        this(token, version, refreshAt, expiresAt, refreshAt + (expiresAt - refreshAt) / 2, false, new LongAdder());
    }

    private CurrentToken(
            AccessToken token,
            long version,
            long refreshAt,
            long expiresAt,
            long holdUntil,
            boolean held,
            LongAdder requests) {
        this.token = token;
        this.version = version;
        this.refreshAt = refreshAt;
        this.expiresAt = expiresAt;
        this.holdUntil = holdUntil;
        this.held = held;
        this.requests = requests;
    }

    /** The same token kept through a store outage: its refresh point moves to {@link #holdUntil}. */
    CurrentToken held() {
        return new CurrentToken(token, version, holdUntil, expiresAt, holdUntil, true, requests);
    }

    /** Whether it can be kept instead of fetching alone while the store is down. */
    boolean holdable(long now) {
        return !rejected && now - holdUntil < 0;
    }

    boolean usable(long now) {
        return now - refreshAt < 0 && !draining && !rejected;
    }

    void end() {
        requests.decrement();
    }
}
