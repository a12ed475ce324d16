package dev.retrospec.codegen.emit;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one way text from a description enters a Javadoc comment. Markdown is rendered to HTML by {@link Markdown}
 * (raw HTML in it shown as text); then everything that javac or Javadoc would read as something other than text
 * becomes an HTML character reference, which Javadoc renders as the character itself:
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

    /** Columns of description text per Javadoc line, before the comment's own indentation. */
    static final int WIDTH = 110;

    /**
     * Description text for a Javadoc block: Markdown rendered to HTML ({@link Markdown}), made safe for a comment,
     * wrapped at {@value #WIDTH} columns outside {@code <pre>}. Plain text (most of it) skips the Markdown parser and
     * keeps its line breaks.
     */
    static String escape(String text) {
        String stripped = text.strip();
        List<String> lines = new ArrayList<>();
        if (Markdown.isPlain(stripped)) {
            stripped.lines().forEach(line -> lines.add(escapeLine(line.stripTrailing(), true)));
        } else {
            Markdown.html(stripped).lines().forEach(line -> lines.add(escapeLine(line.stripTrailing(), false)));
        }
        return String.join("\n", wrap(lines));
    }

    /** One line of Javadoc that is already safe ({@code @param name text}), wrapped like description text. */
    static String wrapped(String line) {
        return String.join("\n", wrap(List.of(line)));
    }

    /** Lines longer than {@link #WIDTH} broken at spaces outside tags; {@code <pre>} blocks as they are. */
    private static List<String> wrap(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean pre = false;
        for (String line : lines) {
            if (line.contains("<pre>")) {
                pre = true;
            }
            if (pre || line.length() <= WIDTH) {
                out.add(line);
            } else {
                int start = 0;
                while (line.length() - start > WIDTH) {
                    int cut = breakBefore(line, start, start + WIDTH);
                    if (cut <= start) {
                        break; // one word longer than a line: it stays whole
                    }
                    out.add(line.substring(start, cut).stripTrailing());
                    start = cut + 1;
                }
                out.add(line.substring(start));
            }
            if (line.contains("</pre>")) {
                pre = false;
            }
        }
        return out;
    }

    /** The last space at or before {@code limit} that is not inside a tag, or -1. */
    private static int breakBefore(String line, int start, int limit) {
        int found = -1;
        boolean inTag = false;
        for (int i = start; i < line.length() && (i <= limit || found < 0); i++) {
            char c = line.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (c == ' ' && !inTag && i > start) {
                found = i;
                if (i > limit) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * One line made safe for a comment. Plain text is escaped entirely; HTML that Markdown made keeps its tags and
     * character references ({@code <}, {@code >}, {@code &} in its text are already references) and has the rest
     * escaped like text.
     */
    private static String escapeLine(String line, boolean plain) {
        StringBuilder out = new StringBuilder(line.length() + 16);
        boolean inTag = false;
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            if (!plain) {
                inTag = c == '<' || (inTag && c != '>');
                if (!inTag && line.startsWith("&quot;", i)) {
                    out.append('"'); // Markdown's HTML quotes text; in a comment's text a quote is only a quote
                    i += "&quot;".length();
                    continue;
                }
            }
            int next = i + Character.charCount(c) < line.length() ? line.codePointAt(i + Character.charCount(c)) : -1;
            switch (c) {
                case '&' -> out.append(plain ? "&amp;" : "&");
                case '<' -> out.append(plain ? "&lt;" : "<");
                case '>' -> out.append(plain ? "&gt;" : ">");
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
            if (part != null && !part.isBlank()) {
                String escaped = escape(part);
                if (!out.contains(escaped)) {
                    out.add(escaped);
                }
            }
        }
        return String.join("\n<p>", out);
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
        return "<code>" + plain(text) + "</code>";
    }

    /** Text that is not Markdown (a name, a value, a title) on one line: escaped as it is, line breaks as spaces. */
    static String plain(@Nullable String text) {
        if (text == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        text.strip().lines().forEach(line -> lines.add(escapeLine(line.strip(), true)));
        return String.join(" ", lines).strip();
    }
}
