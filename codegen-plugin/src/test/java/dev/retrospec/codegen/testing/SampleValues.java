package dev.retrospec.codegen.testing;

import dev.retrospec.runtime.DeepObject;
import dev.retrospec.runtime.Delimited;
import dev.retrospec.runtime.OpenEnum;
import dev.retrospec.runtime.WireEnum;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.ByteString;

/**
 * A plausible value for any type generated code takes: for calling every generated operation with arguments a
 * validating server accepts (the test specs keep their constraints simple for it).
 */
public final class SampleValues {
    private static final int MAX_DEPTH = 3;
    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("(Url|Uri|Href)$");

    private SampleValues() {}

    /** A value for a method parameter; {@code name} names file parts and deep objects. */
    public static Object forParameter(Type type, String name) {
        if (type == MultipartBody.Part.class) {
            return MultipartBody.Part.createFormData(name, name + ".bin", octets());
        }
        if (type instanceof ParameterizedType p
                && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == MultipartBody.Part.class) {
            return List.of(MultipartBody.Part.createFormData(name, name + ".bin", octets()));
        }
        if (type == DeepObject.class) {
            return DeepObject.of(name, Map.of());
        }
        return of(type, 0);
    }

    public static Object of(Type type, int depth) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return depth >= MAX_DEPTH ? List.of() : List.of(of(arguments[0], depth + 1));
            }
            if (raw == Set.class) {
                return depth >= MAX_DEPTH ? Set.of() : Set.of(of(arguments[0], depth + 1));
            }
            if (raw == Map.class) {
                return depth >= MAX_DEPTH || arguments[1] == Object.class
                        ? Map.of()
                        : Map.of("key", of(arguments[1], depth + 1));
            }
            if (raw == OpenEnum.class) {
                return openEnum((Class<?>) arguments[0]);
            }
            if (raw == dev.retrospec.runtime.Omittable.class) {
                return dev.retrospec.runtime.Omittable.of(of(arguments[0], depth + 1));
            }
            if (raw == Delimited.class) {
                return Delimited.csv(List.of(of(arguments[0], depth + 1)));
            }
            throw new IllegalArgumentException("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            // Also a valid uuid, for the descriptions that map format: uuid to String.
            return "3fa85f64-5717-4562-b3fc-2c963f66afa6";
        }
        if (c == int.class || c == Integer.class) {
            return 1;
        }
        if (c == long.class || c == Long.class) {
            return 1L;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == double.class || c == Double.class) {
            return 1.5;
        }
        if (c == float.class || c == Float.class) {
            return 1.5f;
        }
        if (c == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (c == BigInteger.class) {
            return BigInteger.ONE;
        }
        if (c == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        }
        if (c == dev.retrospec.runtime.DeepObject.class) {
            return dev.retrospec.runtime.DeepObject.none(); // the entries' names are the description's to say
        }
        if (c == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z");
        }
        if (c == LocalDate.class) {
            return LocalDate.of(2026, 1, 2);
        }
        if (c == UUID.class) {
            return UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
        }
        if (c == URI.class) {
            return URI.create("https://example.com/x");
        }
        if (c == byte[].class) {
            return new byte[] {1, 2, 3};
        }
        if (c == ByteString.class) {
            return ByteString.of((byte) 1, (byte) 2, (byte) 3);
        }
        if (c == RequestBody.class) {
            return octets();
        }
        if (c == Object.class) {
            return "x";
        }
        if (c.isRecord()) {
            return record(c, depth);
        }
        if (c.isSealed()) {
            // A string alternative first where there is one: a validator that reads a path or query parameter
            // as each alternative in turn finds the sample number 1 is also the string "1", and refuses a oneOf.
            List<Class<?>> variants = Arrays.stream(c.getPermittedSubclasses())
                    .filter(v -> !v.getSimpleName().equals("Unknown"))
                    .sorted(Comparator.comparing(v -> !v.getSimpleName().equals("OfString")))
                    .toList();
            if (!variants.isEmpty()) {
                return of(variants.get(0), depth);
            }
        }
        if (c.isEnum()) {
            return c.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("no sample for " + type);
    }

    private static Object record(Class<?> type, int depth) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            boolean deep = depth >= MAX_DEPTH && !types[i].isPrimitive();
            if (types[i] == String.class
                    && LINK.matcher(components[i].getName()).find()) {
                // format: uri is a String, and the Java type no longer says it must look like a link
                values[i] = "https://example.com/x";
            } else {
                values[i] = deep ? emptyOrNull(types[i]) : of(components[i].getGenericType(), depth + 1);
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + type, e);
        }
    }

    private static Object emptyOrNull(Class<?> type) {
        return type == List.class ? List.of() : type == Map.class ? Map.of() : type == Set.class ? Set.of() : null;
    }

    /** The open value of a generated enum's first constant. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // a generated enum is an Enum implementing WireEnum
    private static Object openEnum(Class<?> type) {
        return OpenEnum.of((Class) type, ((WireEnum) type.getEnumConstants()[0]).value());
    }

    private static RequestBody octets() {
        return RequestBody.create(new byte[] {1, 2, 3}, MediaType.get("application/octet-stream"));
    }
}
