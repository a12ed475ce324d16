package dev.retrospec.codegen.emit;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one way text from a description enters a Javadoc comment. Everything that javac or Javadoc would read as
 * something other than text becomes an HTML character reference, which Javadoc renders as the character itself:
 *
 * <ul>
 *   <li>a backslash, so that no {@code \}{@code u} escape reaches javac (it decodes them before it sees comments,
 *       so an escaped {@code *}{@code /} would end the comment, and a Windows path would not compile);
 *   <li>{@code *}{@code /} and {@code /}{@code *}, which end or nest comments;
 *   <li>{@code @}, which starts block tags ({@code @param}) and inline tags ({@code {@link}});
 *   <li>{@code <}, {@code >} and {@code &}, which Javadoc takes for HTML;
 *   <li>control, bidirectional and invisible characters, which can make source read otherwise than it compiles.
 * </ul>
 *
 * <p>Strings in code go through {@link Literals}, and names through the model's {@code Names}: no emitter
 * concatenates description text into code by hand.
 */
final class Docs {
    private Docs() {}

    /** Description text for a Javadoc block: escaped, its line breaks kept, trailing blank lines dropped. */
    static String escape(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\\R", -1)) {
            lines.add(escapeLine(line.stripTrailing()));
        }
        return String.join("\n", lines);
    }

    private static String escapeLine(String line) {
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            int next = i + Character.charCount(c) < line.length() ? line.codePointAt(i + Character.charCount(c)) : -1;
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '\\' -> out.append("&#92;");
                case '*' -> out.append(next == '/' ? "&#42;" : "*");
                case '/' -> out.append(next == '*' ? "&#47;" : "/");
                default -> {
                    if (c != '\t' && isHidden(c)) {
                        out.append("&#").append(c).append(';');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /**
     * Control characters, and the characters that change how text around them is shown without showing themselves:
     * bidirectional overrides and isolates (the "Trojan Source" characters), zero-width and other format characters.
     */
    private static boolean isHidden(int c) {
        return Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                || Character.getType(c) == Character.SURROGATE
                || Character.getType(c) == Character.UNASSIGNED;
    }

    /** Summary and description as Javadoc paragraphs, or empty. */
    static String paragraphs(@Nullable String... parts) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank() && !out.contains(escape(part))) {
                out.add(escape(part));
            }
        }
        return String.join("\n\n<p>", out);
    }

    /** A one-line form for {@code @param} and the like: the text's line breaks become spaces. */
    static String inline(@Nullable String text) {
        return text == null ? "" : escape(text).replaceAll("\\s*\\n\\s*", " ");
    }

    /**
     * A name or value from the description shown as code: {@code <code>} rather than an inline {@code {@code}} tag,
     * whose braces the text could unbalance.
     */
    static String code(String text) {
        return "<code>" + inline(text) + "</code>";
    }
}
