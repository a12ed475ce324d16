package dev.retrospec.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A value of an enum the API may extend: one of the constants this client knows, or a value it does not know yet,
 * kept exactly as the API sent it so that reading and writing it back loses nothing.
 *
 * <pre>{@code
 * OpenEnum<Status> status = order.status();
 * if (status.is(Status.SHIPPED)) { ... }
 * Status known = status.known();          // null for a value this client does not know
 * String text = status.value();           // what the API sent, known or not
 * new Order(id, OpenEnum.of(Status.PLACED));
 * }</pre>
 *
 * <p>Two values are equal when they are of the same enum and have the same text; the value of a known constant is
 * always the same instance.
 *
 * @param <E> the generated enum of the values this client knows
 */
public final class OpenEnum<E extends Enum<E> & WireEnum> {
    private static final ClassValue<Table<?>> TABLES = new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"}) // the class is an enum implementing WireEnum: see table()
        protected Table<?> computeValue(Class<?> type) {
            return new Table(type);
        }
    };

    private final Class<E> type;
    private final String value;
    private final @Nullable E known;

    private OpenEnum(Class<E> type, String value, @Nullable E known) {
        this.type = type;
        this.value = value;
        this.known = known;
    }

    /** The value of a constant this client knows. */
    public static <E extends Enum<E> & WireEnum> OpenEnum<E> of(E constant) {
        Objects.requireNonNull(constant, "constant == null");
        return table(constant.getDeclaringClass()).known[constant.ordinal()];
    }

    /** The value the API sent as {@code value}: a known constant's, or a new one that keeps the text. */
    public static <E extends Enum<E> & WireEnum> OpenEnum<E> of(Class<E> type, String value) {
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(value, "value == null");
        Table<E> table = table(type);
        OpenEnum<E> found = table.byValue.get(value);
        return found != null ? found : new OpenEnum<>(type, value, null);
    }

    @SuppressWarnings("unchecked") // TABLES holds a Table<E> for Class<E>
    private static <E extends Enum<E> & WireEnum> Table<E> table(Class<E> type) {
        if (!type.isEnum() || !WireEnum.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not an enum implementing WireEnum");
        }
        return (Table<E>) TABLES.get(type);
    }

    /** The enum this value belongs to. */
    public Class<E> type() {
        return type;
    }

    /** The value as the API sends it, whether this client knows it or not. */
    public String value() {
        return value;
    }

    /** The constant, to {@code switch} on; null for a value this client does not know. */
    public @Nullable E known() {
        return known;
    }

    /** Whether the value is one of the constants this client knows. */
    public boolean isKnown() {
        return known != null;
    }

    /** Whether the value is {@code constant}. */
    public boolean is(E constant) {
        return known == constant;
    }

    /** The constant, or {@code fallback} for a value this client does not know. */
    public E knownOr(E fallback) {
        return known != null ? known : fallback;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof OpenEnum<?> that && type == that.type && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The value as the API sends it: query and path parameters use this. */
    @Override
    public String toString() {
        return value;
    }

    /** The shared values of an enum's constants, by ordinal and by text. */
    private static final class Table<E extends Enum<E> & WireEnum> {
        final OpenEnum<E>[] known;
        final Map<String, OpenEnum<E>> byValue;

        @SuppressWarnings("unchecked") // an array of the erased type, only ever read as OpenEnum<E>
        Table(Class<E> type) {
            E[] constants = type.getEnumConstants();
            known = new OpenEnum[constants.length];
            byValue = new HashMap<>(constants.length * 2);
            for (E constant : constants) {
                OpenEnum<E> value = new OpenEnum<>(type, constant.value(), constant);
                known[constant.ordinal()] = value;
                byValue.putIfAbsent(constant.value(), value);
            }
        }
    }
}
