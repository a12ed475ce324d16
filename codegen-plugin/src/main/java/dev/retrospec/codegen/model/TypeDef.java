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
    }

    /**
     * A string enum. {@code unknownConstant} names the extra constant that values this client does not know map to.
     */
    record EnumDef(
            String name,
            String pointer,
            @Nullable String description,
            boolean deprecated,
            List<EnumValue> values,
            String unknownConstant)
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

    /**
     * One alternative of a union.
     *
     * @param javaName a top-level record implementing the union, or (when {@code wrapped} is set) a record nested in
     *     the union holding a {@code wrapped} value
     * @param labels the discriminator values that select it
     */
    record Variant(String javaName, @Nullable TypeRef wrapped, List<String> labels) {
        public Variant {
            labels = List.copyOf(labels);
        }
    }

    /** One constant of an enum: its Java name and the string on the wire. */
    record EnumValue(String javaName, String wireValue) {}

    /** A property of an object: its wire name, Java name, type, and whether it may be absent or null. */
    record Property(
            String wireName,
            String javaName,
            TypeRef type,
            boolean required,
            boolean nullable,
            @Nullable String description,
            boolean deprecated,
            boolean readOnly,
            boolean writeOnly,
            @Nullable String defaultValue) {
        /** Whether Java may see null here: when the property is optional or nullable. */
        public boolean javaNullable() {
            return !required || nullable;
        }
    }
}
