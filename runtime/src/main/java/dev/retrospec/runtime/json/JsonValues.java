package dev.retrospec.runtime.json;

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
            throw new JsonDataException("Expected a number but was '" + text + "' at " + reader.getPath(), e);
        }
    }

    /** An integer of any size read from its JSON text: {@code 1.0} is one, {@code 1.5} is an error. */
    public static BigInteger bigInteger(JsonIn reader) throws IOException {
        String text = reader.nextString();
        try {
            return new BigDecimal(text.trim()).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonDataException("Expected an integer but was '" + text + "' at " + reader.getPath(), e);
        }
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

    /** Whether the value the reader is at can be read by {@code read}, without consuming it. */
    public static boolean readable(JsonIn reader, Read read) throws IOException {
        JsonIn peek = reader.peekJson();
        try {
            Object unused = read.read(peek); // only whether it reads
            return true;
        } catch (JsonDataException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads one value, and returns it (so that a method reference or lambda of a reading method fits). */
    @FunctionalInterface
    public interface Read {
        @Nullable
        Object read(JsonIn reader) throws IOException;
    }
}
