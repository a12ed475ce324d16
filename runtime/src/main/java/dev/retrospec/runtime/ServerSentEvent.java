package dev.retrospec.runtime;

import org.jspecify.annotations.Nullable;

/**
 * One event of a server-sent event stream, its {@code data} decoded.
 *
 * @param id the last event id: this event's {@code id} field or, as the SSE specification says, the latest one
 *     before it; null if none came yet (what a reconnection would send as {@code Last-Event-ID})
 * @param type the event's {@code event} field (its name), or null if it had none (a plain {@code message})
 * @param data the event's {@code data}, decoded as the operation declares
 */
public record ServerSentEvent<T>(
        @Nullable String id, @Nullable String type, T data) {}
