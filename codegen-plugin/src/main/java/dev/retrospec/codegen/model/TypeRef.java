package dev.retrospec.codegen.model;

import java.util.Objects;

/** A use of a type: in a property, a parameter, a body or a response. */
public sealed interface TypeRef {
    /** A built-in type. */
    record Primitive(Kind kind) implements TypeRef {
        public Primitive {
            Objects.requireNonNull(kind, "kind == null");
        }
    }

    /** A generated type, by its {@link TypeDef#name()}. */
    record Named(String name) implements TypeRef {}

    /** A class of the user's, named by {@code typeMappings} or {@code schemaMappings}. */
    record External(String qualifiedName) implements TypeRef {}

    /** An array; a set if the schema says {@code uniqueItems}. */
    record ListOf(TypeRef element, boolean unique) implements TypeRef {}

    /** An object with arbitrary string keys ({@code additionalProperties}). */
    record MapOf(TypeRef value) implements TypeRef {}

    /** The built-in types OpenAPI types and formats map to. */
    enum Kind {
        STRING,
        BOOLEAN,
        INT32,
        INT64,
        FLOAT,
        DOUBLE,
        /** {@code number} without a format: arbitrary precision. */
        DECIMAL,
        /** {@code integer} wider than a long: {@code uint64}, {@code int128}, or bounds beyond a long's. */
        BIG_INTEGER,
        DATE,
        DATE_TIME,
        TIME,
        UUID,
        URI,
        /** {@code format: byte}: Base64 in JSON. */
        BYTES,
        /** {@code format: binary}: raw bytes of a body or a file part. */
        BINARY,
        /** Anything: a free-form value. */
        ANY
    }

    /** Adds the names of the generated types {@code type} uses, itself or as elements or values, to {@code into}. */
    static void namesIn(TypeRef type, java.util.Set<String> into) {
        if (type instanceof Named named) {
            into.add(named.name());
        } else if (type instanceof ListOf list) {
            namesIn(list.element(), into);
        } else if (type instanceof MapOf map) {
            namesIn(map.value(), into);
        }
    }

    Primitive STRING = new Primitive(Kind.STRING);
    Primitive ANY = new Primitive(Kind.ANY);
    Primitive BINARY = new Primitive(Kind.BINARY);
}
