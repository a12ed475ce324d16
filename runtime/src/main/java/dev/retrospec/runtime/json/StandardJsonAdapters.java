package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.retrospec.runtime.OpenEnum;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Moshi adapters for the types OpenAPI formats map to: {@code date-time} ({@link OffsetDateTime}, or
 * {@link Instant}), {@code date} ({@link LocalDate}), {@code time} ({@link LocalTime}), {@code uuid},
 * {@code uri}, {@code byte} (Base64, as an immutable {@link ByteString} that compares by content; {@code byte[]}
 * too, for mapped types) and arbitrary-precision numbers ({@link BigDecimal}, {@link BigInteger}, read from the JSON
 * text without a detour through {@code double}); and lists, sets and string-keyed maps, read as unmodifiable
 * collections; and {@link OpenEnum} values of generated enums. All are null-safe, and none uses reflection.
 */
public final class StandardJsonAdapters {
    /** Add this to a {@link Moshi.Builder}. */
    public static final JsonAdapter.Factory FACTORY = StandardJsonAdapters::create;

    private static final Map<Type, JsonAdapter<?>> ADAPTERS = Map.of(
            OffsetDateTime.class,
                    new StringAdapter<>(
                            "an RFC 3339 date-time",
                            DateTimeText::parse,
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME::format),
            Instant.class,
                    new StringAdapter<>(
                            "an RFC 3339 date-time", s -> DateTimeText.parse(s).toInstant(), Instant::toString),
            LocalDate.class, new StringAdapter<>("a date (yyyy-mm-dd)", LocalDate::parse, LocalDate::toString),
            LocalTime.class, new StringAdapter<>("a time (hh:mm:ss)", LocalTime::parse, LocalTime::toString),
            UUID.class, new StringAdapter<>("a UUID", UUID::fromString, UUID::toString),
            URI.class, new StringAdapter<>("a URI", StandardJsonAdapters::uri, URI::toString),
            byte[].class,
                    new StringAdapter<>(
                            "Base64",
                            s -> Base64.getMimeDecoder().decode(s),
                            b -> Base64.getEncoder().encodeToString(b)),
            ByteString.class,
                    new StringAdapter<>(
                            "Base64",
                            s -> {
                                ByteString bytes = ByteString.decodeBase64(s);
                                if (bytes == null) {
                                    throw new IllegalArgumentException("not Base64");
                                }
                                return bytes;
                            },
                            ByteString::base64),
            BigDecimal.class, new NumberAdapter<>(BigDecimal::new),
            BigInteger.class, new NumberAdapter<>(BigInteger::new));

    private StandardJsonAdapters() {}

    @SuppressWarnings({"unchecked", "rawtypes"}) // OpenEnum's argument is checked by OpenEnums.adapter
    private static @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
        if (!annotations.isEmpty()) {
            return null;
        }
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() == OpenEnum.class
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> constants) {
            return OpenEnums.adapter((Class) constants);
        }
        // Moshi hands array types over as a GenericArrayType (byte[] becomes GenericArrayType(byte)), never as a Class.
        JsonAdapter<?> standard = ADAPTERS.get(type instanceof GenericArrayType ? Types.getRawType(type) : type);
        return standard != null ? standard : UnmodifiableCollections.create(type, annotations, moshi);
    }

    private static URI uri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private interface Printer<T> {
        String print(T value);
    }

    private static final class StringAdapter<T> extends JsonOutAdapter<T> {
        private final String expected;
        private final Parser<T> parser;
        private final Printer<T> printer;

        StringAdapter(String expected, Parser<T> parser, Printer<T> printer) {
            this.expected = expected;
            this.parser = parser;
            this.printer = printer;
        }

        @Override
        protected T read(JsonIn reader) throws IOException {
            String text = reader.nextString();
            try {
                return parser.parse(text);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new JsonDataException(
                        "Expected " + expected + " but was '" + text + "' at " + pathOfRead(reader), e);
            }
        }

        @Override
        protected void write(JsonOut out, T value) throws IOException {
            out.value(printer.print(value));
        }

        @Override
        public String toString() {
            return "JsonAdapter(" + expected + ")";
        }
    }

    /**
     * The path of the value just read, asked for only when it is needed: building it for every value cost a third of
     * reading a large payload. Moshi has moved an array's index on to the next element by then; an object's name
     * stays.
     */
    static String pathOfRead(JsonIn reader) {
        String path = reader.getPath();
        if (path.endsWith("]")) {
            int open = path.lastIndexOf('[');
            try {
                return path.substring(0, open + 1) + (Integer.parseInt(path.substring(open + 1, path.length() - 1)) - 1)
                        + "]";
            } catch (NumberFormatException e) {
                return path;
            }
        }
        return path;
    }

    private static final class NumberAdapter<T extends Number> extends JsonOutAdapter<T> {
        private final Parser<T> parser;

        NumberAdapter(Parser<T> parser) {
            this.parser = parser;
        }

        @Override
        protected T read(JsonIn reader) throws IOException {
            String text = reader.nextString(); // numbers and numeric strings alike, digits intact
            try {
                return parser.parse(text.trim());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new JsonDataException("Expected a number but was '" + text + "' at " + pathOfRead(reader), e);
            }
        }

        @Override
        protected void write(JsonOut out, T value) throws IOException {
            out.value(value);
        }

        @Override
        public String toString() {
            return "JsonAdapter(arbitrary-precision number)";
        }
    }
}
