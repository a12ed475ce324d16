package dev.retrospec.runtime;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A property the description lets be absent and lets be {@code null}: three states on the wire, kept apart. A PATCH
 * body that sends {@code "description": null} clears the field; one that leaves it out leaves it as it is.
 *
 * <pre>{@code
 * new DeviceUpdate(Omittable.of("rack 4"), Omittable.ofNull(), Omittable.absent());
 * //  -> {"name":"rack 4","location":null}
 * String location = device.location().orNull();   // absent and null both read as null here
 * if (device.location().isAbsent()) { ... }         // the API did not send it
 * }</pre>
 *
 * <p>Generated adapters read and write the three states exactly; a component left {@code null} by a caller is written
 * as absent. Two values are equal when they are in the same state with equal values.
 *
 * @param <T> the property's type
 */
public final class Omittable<T> {
    private static final Omittable<?> ABSENT = new Omittable<>(State.ABSENT, null);
    private static final Omittable<?> NULL = new Omittable<>(State.NULL, null);

    private enum State {
        ABSENT,
        NULL,
        VALUE
    }

    private final State state;
    private final @Nullable T value;

    private Omittable(State state, @Nullable T value) {
        this.state = state;
        this.value = value;
    }

    /** Not in the JSON at all. */
    @SuppressWarnings("unchecked") // holds no T
    public static <T> Omittable<T> absent() {
        return (Omittable<T>) ABSENT;
    }

    /** In the JSON as {@code null}. */
    @SuppressWarnings("unchecked") // holds no T
    public static <T> Omittable<T> ofNull() {
        return (Omittable<T>) NULL;
    }

    /** In the JSON with {@code value}. */
    public static <T> Omittable<T> of(T value) {
        return new Omittable<>(State.VALUE, Objects.requireNonNull(value, "value == null: use ofNull() or absent()"));
    }

    /** {@code value}, or the JSON {@code null} if it is null: for a caller who means to send what it has. */
    public static <T> Omittable<T> ofNullable(@Nullable T value) {
        return value == null ? ofNull() : of(value);
    }

    /** Whether the property was not there (or is not to be sent). */
    public boolean isAbsent() {
        return state == State.ABSENT;
    }

    /** Whether the property was there as {@code null}. */
    public boolean isNull() {
        return state == State.NULL;
    }

    /** Whether the property was there with a value. */
    public boolean isPresent() {
        return state == State.VALUE;
    }

    /** The value; null when absent or null. */
    public @Nullable T orNull() {
        return value;
    }

    /** The value, or {@code fallback} when absent or null. */
    public T orElse(T fallback) {
        return value != null ? value : fallback;
    }

    /** The value, or an exception saying which state it was in instead. */
    public T get() {
        if (value == null) {
            throw new NoSuchElementException(state == State.ABSENT ? "absent" : "null");
        }
        return value;
    }

    /** The value as an {@link Optional}: empty when absent or null. */
    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Omittable<?> that && state == that.state && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return state == State.VALUE ? Objects.hashCode(value) : -1 - state.ordinal();
    }

    /** {@code absent}, {@code null}, or the value's own text (as a record would print it). */
    @Override
    public String toString() {
        return state == State.VALUE ? String.valueOf(value) : state == State.ABSENT ? "absent" : "null";
    }
}
