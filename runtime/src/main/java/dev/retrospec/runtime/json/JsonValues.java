package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What generated JSON adapters share: exact numbers, the strictness a client reads with (the checks themselves are
 * {@link JsonFields}'), and what unions peek at to choose a variant. Generated adapters call these; applications need not.
 */
public final class JsonValues {
    private JsonValues() {}

    /** How strictly generated adapters hold servers to their description. */
    public enum Strictness {
        /**
         * A required property that is missing, or {@code null} where the description does not allow it, fails with a
         * {@link JsonDataException} naming the path and the schema: the model's nullness is a promise kept.
         */
        STRICT,
        /**
         * Missing required properties and unexpected nulls read as null (or zero): for servers known to break their
         * own description. Components the model marks non-null may then hold null.
         */
        LENIENT
    }

    /** A decimal number read from its JSON text, never through a {@code double}. */
    public static BigDecimal decimal(JsonIn reader) throws IOException {
        String text = reader.nextString();
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new JsonDataException(
                    "Expected a number but was '" + shortened(text) + "' at " + reader.getPath(), e);
        }
    }

    /**
     * An integer of any size read from its JSON text: {@code 1.0} is one, {@code 1.5} is an error, and so is one of
     * more than {@value #MAX_INTEGER_DIGITS} digits ({@code 1e99999999} would take minutes and gigabytes to expand).
     */
    public static BigInteger bigInteger(JsonIn reader) throws IOException {
        String text = reader.nextString();
        try {
            BigDecimal number = new BigDecimal(text.trim());
            if (number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
                throw new JsonDataException("Expected an integer of at most " + MAX_INTEGER_DIGITS + " digits but was '"
                        + shortened(text) + "' at " + reader.getPath());
            }
            return number.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonDataException(
                    "Expected an integer but was '" + shortened(text) + "' at " + reader.getPath(), e);
        }
    }

    /** The most digits {@link #bigInteger} reads. */
    public static final int MAX_INTEGER_DIGITS = 10_000;

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The names of the object the reader is at, without consuming it: for choosing among object variants. */
    public static Set<String> objectNames(JsonIn reader) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        JsonIn peek = reader.peekJson();
        peek.beginObject();
        while (peek.hasNext()) {
            names.add(peek.nextName());
            peek.skipValue();
        }
        return names;
    }

    /**
     * The value of the object's {@code property}, if it is there and a string, without consuming the object: a
     * discriminator.
     */
    public static @Nullable String label(JsonIn reader, String property) throws IOException {
        JsonIn peek = reader.peekJson();
        peek.beginObject();
        while (peek.hasNext()) {
            if (peek.nextName().equals(property) && peek.peek() == JsonReader.Token.STRING) {
                return peek.nextString();
            }
            peek.skipValue();
        }
        return null;
    }

    /** How wide the number the reader is at is, without consuming it: for choosing among numeric variants. */
    public enum NumberKind {
        INT,
        LONG,
        BIG_INTEGER,
        DECIMAL
    }

    public static NumberKind numberKind(JsonIn reader) throws IOException {
        String text = reader.peekJson().nextString();
        BigDecimal number;
        try {
            number = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return NumberKind.DECIMAL;
        }
        if (text.contains(".") || text.contains("e") || text.contains("E")) {
            return NumberKind.DECIMAL;
        }
        BigInteger integer = number.toBigInteger();
        if (integer.bitLength() < 32) {
            return NumberKind.INT;
        }
        return integer.bitLength() < 64 ? NumberKind.LONG : NumberKind.BIG_INTEGER;
    }

    /**
     * The value {@code adapter} reads here, consumed, if it reads it; null, with nothing consumed, if it fails with a
     * data error: for trying a union's variants in turn. The value is read once, on a peek, and then passed over, so
     * that a union nested in its own variants costs a read per level, not two.
     */
    public static <T> @Nullable Attempt<T> attempt(JsonIn reader, JsonAdapter<T> adapter) throws IOException {
        T value;
        try {
            value = reader.peekJson().read(adapter);
        } catch (JsonDataException | IllegalArgumentException e) {
            return null;
        }
        reader.passOver();
        return new Attempt<>(value);
    }

    /** A value an {@link #attempt} read. */
    public record Attempt<T>(@Nullable T value) {}
}
