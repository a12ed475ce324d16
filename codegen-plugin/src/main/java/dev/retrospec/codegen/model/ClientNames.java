package dev.retrospec.codegen.model;

import java.util.Set;

/**
 * The names the generated client class and its builder use for themselves. A description cannot take them: a tag
 * or a security scheme that would is renamed, and says so.
 */
final class ClientNames {
    private ClientNames() {}

    /** Members of the client class: its factory, its own accessors, its fields. */
    static final Set<String> CLIENT_MEMBERS = Set.of(
            "builder",
            "retrofit",
            "moshi",
            "errorBody",
            "moshiBuilder",
            "jsonAdapters",
            "bodyOrThrow",
            "fromEnv",
            "pages");

    /** Members of the client's builder other than the security schemes' ones. */
    static final Set<String> BUILDER_MEMBERS =
            Set.of("baseUrl", "okHttpClient", "moshi", "lenientJson", "build", "retries", "environment");

    /** The methods every class has: a member with one of these names would not compile or would mislead. */
    static final Set<String> OBJECT_METHODS =
            Set.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");
}
