package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A type the generator writes: a record, an enum or a sealed interface. */
public sealed interface TypeDef {
    /** The Java simple name, unique in the model package (ignoring case, for case-insensitive file systems). */
    String name();

    /** Where the schema is: a JSON pointer into the description. */
    String pointer();

    @Nullable
    String description();

    boolean deprecated();

    /**
     * An object schema as a record; {@code allOf} parts are flattened into it.
     *
     * @param additionalProperties the type of values under names the schema does not declare, when it declares some
     *     and allows others; null otherwise
     * @param implementsUnions the unions this record is a variant of
     */
    record ObjectDef(
            String name,
            String pointer,
            @Nullable String description,
            boolean deprecated,
            List<Property> properties,
            @Nullable TypeRef additionalProperties,
            List<String> implementsUnions)
            implements TypeDef {
        public ObjectDef {
            properties = List.copyOf(properties);
            implementsUnions = List.copyOf(implementsUnions);
        }

        ObjectDef withMembership(List<Property> properties, List<String> implementsUnions) {
            return new ObjectDef(
                    name, pointer, description, deprecated, properties, additionalProperties, implementsUnions);
        }
    }

    /** A string enum: a Java enum of the values the description lists, open to others through {@code OpenEnum}. */
    record EnumDef(
            String name, String pointer, @Nullable String description, boolean deprecated, List<EnumValue> values)
            implements TypeDef {
        public EnumDef {
            values = List.copyOf(values);
        }
    }

    /**
     * A {@code oneOf}/{@code anyOf}, or a schema with a discriminator that others extend with {@code allOf}: a sealed
     * interface whose variants are records implementing it, or nested records wrapping a value that is not an object.
     *
     * @param discriminator the discriminator property, or null to tell variants apart by their shape
     */
    record UnionDef(
            String name,
            String pointer,
            @Nullable String description,
            boolean deprecated,
            List<Variant> variants,
            @Nullable String discriminator)
            implements TypeDef {
        public UnionDef {
            variants = List.copyOf(variants);
        }
    }

    /** One alternative of a union. */
    sealed interface Variant {
        /** The Java simple name: of a top-level record, or of a record nested in the union. */
        String javaName();
    }

    /**
     * An object alternative: a top-level record that implements the union.
     *
     * @param labels the discriminator values that select it (empty without a discriminator)
     */
    record RecordVariant(String javaName, List<String> labels) implements Variant {
        public RecordVariant {
            labels = List.copyOf(labels);
        }
    }

    /** An alternative that is not an object (a string, a list, ...): a record nested in the union holding it. */
    record WrapperVariant(String javaName, TypeRef wrapped) implements Variant {}

    /** One constant of an enum: its Java name and the string on the wire. */
    record EnumValue(String javaName, String wireValue) {}

    /**
     * A property of an object.
     *
     * @param defaultValue the schema's default as JSON-ish text, for the documentation, or null
     */
    record Property(
            String wireName,
            String javaName,
            TypeRef type,
            Presence presence,
            Access access,
            @Nullable String description,
            boolean deprecated,
            @Nullable String defaultValue) {}

    /** Whether a property must be in the JSON, and whether it may be {@code null} there. */
    enum Presence {
        /** Always there, never null. */
        REQUIRED,
        /** Always there, maybe null. */
        REQUIRED_NULLABLE,
        /** Maybe absent, never null when there. */
        OPTIONAL,
        /** Maybe absent, maybe null: three states on the wire. */
        OPTIONAL_NULLABLE;

        static Presence of(boolean required, boolean nullable) {
            if (required) {
                return nullable ? REQUIRED_NULLABLE : REQUIRED;
            }
            return nullable ? OPTIONAL_NULLABLE : OPTIONAL;
        }

        public boolean required() {
            return this == REQUIRED || this == REQUIRED_NULLABLE;
        }

        public boolean nullable() {
            return this == REQUIRED_NULLABLE || this == OPTIONAL_NULLABLE;
        }

        /** Whether Java may see null: when the property is optional or nullable. */
        public boolean javaNullable() {
            return this != REQUIRED;
        }
    }

    /** Which direction a property travels in. */
    enum Access {
        READ_WRITE,
        /** Set by the server; ignored in requests. */
        READ_ONLY,
        /** Sent in requests; never returned. */
        WRITE_ONLY;

        static Access of(boolean readOnly, boolean writeOnly) {
            if (readOnly) {
                return READ_ONLY;
            }
            return writeOnly ? WRITE_ONLY : READ_WRITE;
        }
    }
}
