package dev.retrospec.codegen.load;

/** JSON pointers (RFC 6901) in URI-fragment form, as used in {@code $ref}. */
public final class Pointers {
    private Pointers() {}

    /** {@code base} with one more segment, escaped: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
    public static String child(String base, String segment) {
        return base + "/" + segment.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String base, int index) {
        return base + "/" + index;
    }

    /** The segment text of an escaped segment. */
    public static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    /** The pointer one level up, or {@code "#"} at the root. */
    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 1 ? "#" : pointer.substring(0, slash);
    }
}
