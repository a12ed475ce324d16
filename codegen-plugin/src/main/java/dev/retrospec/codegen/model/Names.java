package dev.retrospec.codegen.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Java names from OpenAPI names: deterministic, legal, and free of keywords. Words are runs of letters and digits
 * (any script), split again at camel-case humps; everything else separates words.
 */
public final class Names {
    /** Java's keywords and literals: never an identifier. */
    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_");

    /** Names generated members may not take: keywords, contextual keywords, and methods every record has. */
    private static final Set<String> RESERVED = union(
            KEYWORDS,
            Set.of(
                    // contextual keywords that break as type or member names
                    "var",
                    "record",
                    "yield",
                    "sealed",
                    "permits",
                    "non-sealed",
                    // methods every record already has: a component with one of these names would not compile
                    "hashCode",
                    "toString",
                    "equals",
                    "getClass",
                    "notify",
                    "notifyAll",
                    "wait",
                    "clone",
                    "finalize"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private Names() {}

    /** Whether {@code name} is a Java identifier: not a keyword, and made of identifier characters. */
    public static boolean isIdentifier(String name) {
        if (name.isEmpty() || KEYWORDS.contains(name) || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().allMatch(Character::isJavaIdentifierPart);
    }

    /** Whether {@code name} is a dotted sequence of identifiers, such as a package or a qualified class name. */
    public static boolean isQualifiedName(String name) {
        return !name.isEmpty()
                && !name.startsWith(".")
                && !name.endsWith(".")
                && java.util.Arrays.stream(name.split("\\.", -1)).allMatch(Names::isIdentifier);
    }

    /**
     * Why {@code name} cannot be the package of generated code, or null if it can: every segment must be an
     * identifier that is not a keyword, and {@code java} and {@code javax} packages belong to the JDK.
     */
    public static @Nullable String packageProblem(String name) {
        if (name.isBlank()) {
            return "is empty";
        }
        for (String segment : name.split("\\.", -1)) {
            if (KEYWORDS.contains(segment)) {
                return "'" + segment + "' is a Java keyword";
            }
            if (!isIdentifier(segment)) {
                return "'" + segment + "' is not a Java identifier";
            }
        }
        String first = name.split("\\.", -1)[0];
        if (first.equals("java") || first.equals("javax")) {
            return "'" + first + "' packages belong to the JDK";
        }
        return null;
    }

    /**
     * The longest type name, in characters and in UTF-8 bytes: nested types' class files ({@code Outer$Inner.class})
     * stay under the 255 bytes file systems allow for a name, and names stay readable.
     */
    static final int MAX_TYPE_NAME = 50;

    /** The longest member or constant name. */
    static final int MAX_MEMBER_NAME = 60;

    private static final int MAX_NAME_BYTES = 120;

    /** {@code pet_store-item} becomes {@code PetStoreItem}; see {@link #fit} for names that are too long. */
    public static String typeName(String raw) {
        String name = fit(words(raw), MAX_TYPE_NAME, words -> {
            StringBuilder out = new StringBuilder();
            words.forEach(word -> out.append(capitalize(word)));
            return out.toString();
        });
        return safe(name.isEmpty() ? "Type" : name);
    }

    /** {@code pet_store-item} becomes {@code petStoreItem}; {@code class} becomes {@code class_}. */
    public static String memberName(String raw) {
        String name = fit(words(raw), MAX_MEMBER_NAME, words -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                out.append(i == 0 ? decapitalize(word) : capitalize(word));
            }
            return out.toString();
        });
        return safe(name.isEmpty() ? "value" : name);
    }

    /** {@code in-progress} becomes {@code IN_PROGRESS}; {@code 1.5} becomes {@code _1_5}. */
    public static String constantName(String raw) {
        String name = fit(
                words(raw), MAX_MEMBER_NAME, words -> String.join("_", words).toUpperCase(Locale.ROOT));
        return safe(name.isEmpty() ? "EMPTY" : name);
    }

    /**
     * The name {@code join} makes of {@code words}, shortened when it is longer than {@code max} characters (or
     * {@value #MAX_NAME_BYTES} UTF-8 bytes): the first word is kept, then as many of the last words as fit, so that
     * {@code ActionsCreateOrUpdateEnvironmentSecretForRepositoryRequest} becomes
     * {@code ActionsEnvironmentSecretForRepositoryRequest}. A first word alone too long is cut. Deterministic; a
     * shortened name that meets another is told apart by a number, as every name is.
     */
    static String fit(List<String> words, int max, java.util.function.Function<List<String>, String> join) {
        return fit(words, max, MAX_NAME_BYTES, join);
    }

    private static String fit(
            List<String> words, int max, int maxBytes, java.util.function.Function<List<String>, String> join) {
        String whole = join.apply(words);
        if (fits(whole, max, maxBytes)) {
            return whole;
        }
        List<String> kept = new ArrayList<>();
        kept.add(words.get(0));
        if (!fits(join.apply(kept), max, maxBytes)) {
            return cut(join.apply(kept), max, maxBytes);
        }
        for (int last = words.size() - 1; last > 0; last--) {
            List<String> candidate = new ArrayList<>();
            candidate.add(words.get(0));
            candidate.addAll(words.subList(last, words.size()));
            if (!fits(join.apply(candidate), max, maxBytes)) {
                break;
            }
            kept = candidate;
        }
        return join.apply(kept);
    }

    /**
     * The longest class-file name, in UTF-8 bytes and {@code .class} included, that a nested type may give: common
     * file systems allow 255 bytes for a file name; the rest is left for the number that tells two shortened names
     * apart and for the {@code $1} classes javac may add.
     */
    public static final int MAX_CLASS_FILE_BYTES = 240;

    /**
     * The simple name of a type nested in the type whose binary name is {@code enclosing} ({@code PullsApi}, or
     * {@code Outer$Inner} for a deeper one), when {@code innermost} is what follows it in the binary name of the
     * deepest type it leads to ({@code "$Builder"} for a record's builder, {@code "Params$Builder"} for a name the
     * caller ends with {@code Params}, {@code ""} for none).
     *
     * <p>The rule: {@code wanted} is kept when {@code enclosing$wanted<innermost>.class} is at most {@value
     * #MAX_CLASS_FILE_BYTES} UTF-8 bytes. Otherwise it is shortened as every long name is (see {@link #fit}): its
     * first word, then as many of its last words as fit the bytes left ({@code
     * CreateOrUpdateEnvironmentSecretForRepositoryParams} keeps {@code Create} and an ending such as {@code
     * ForRepositoryParams}); a first word alone too long is cut. Top-level names are at most {@value #MAX_NAME_BYTES} bytes, so at least a hundred bytes
     * are always left. Deterministic; the caller tells apart two shortened names that meet, by a number.
     */
    public static String nestedTypeName(String enclosing, String wanted, String innermost) {
        int taken = (enclosing + "$" + innermost + ".class").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int budget = Math.max(MAX_CLASS_FILE_BYTES - taken, 8);
        if (wanted.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= budget) {
            return wanted;
        }
        String name = fit(words(wanted), Integer.MAX_VALUE, budget, words -> {
            StringBuilder out = new StringBuilder();
            words.forEach(word -> out.append(capitalize(word)));
            return out.toString();
        });
        return safe(name.isEmpty() ? "Type" : name);
    }

    private static boolean fits(String name, int max, int maxBytes) {
        return name.length() <= max && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static String cut(String name, int max, int maxBytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            out.appendCodePoint(c);
            if (!fits(out.toString(), max, maxBytes)) {
                out.setLength(out.length() - Character.charCount(c));
                break;
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** {@code name}, or {@code name2}, {@code name3}, ... if taken; compares ignoring case and records the result. */
    public static String unique(String name, Set<String> takenLowerCase) {
        String candidate = name;
        for (int i = 2; !takenLowerCase.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = name + i;
        }
        return candidate;
    }

    static List<String> words(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        List<String> words = new ArrayList<>();
        boolean shouting = text.codePoints().noneMatch(Character::isLowerCase);
        StringBuilder word = new StringBuilder();
        int previous = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c) < text.length() ? text.codePointAt(i + Character.charCount(c)) : 0;
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words, shouting);
            } else {
                boolean hump = Character.isUpperCase(c)
                        && (Character.isLowerCase(previous)
                                || Character.isDigit(previous) && !shouting
                                || Character.isUpperCase(previous) && Character.isLowerCase(next));
                if (hump && word.length() > 0) {
                    flush(word, words, shouting);
                }
                word.appendCodePoint(c);
            }
            previous = Character.isLetterOrDigit(c) ? c : 0;
            i += Character.charCount(c);
        }
        flush(word, words, shouting);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words, boolean shouting) {
        if (word.length() > 0) {
            words.add(shouting ? word.toString().toLowerCase(Locale.ROOT) : word.toString());
            word.setLength(0);
        }
    }

    private static String safe(String name) {
        String result = Character.isJavaIdentifierStart(name.codePointAt(0)) ? name : "_" + name;
        return RESERVED.contains(result) ? result + "_" : result;
    }

    private static String capitalize(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String decapitalize(String word) {
        // An acronym at the start is lowered whole: URLPath -> urlPath, not uRLPath.
        int upper = 0;
        while (upper < word.length() && Character.isUpperCase(word.charAt(upper))) {
            upper++;
        }
        if (upper <= 1 || upper == word.length()) {
            return word.substring(0, Math.max(upper, 1)).toLowerCase(Locale.ROOT) + word.substring(Math.max(upper, 1));
        }
        return word.substring(0, upper - 1).toLowerCase(Locale.ROOT) + word.substring(upper - 1);
    }
}
