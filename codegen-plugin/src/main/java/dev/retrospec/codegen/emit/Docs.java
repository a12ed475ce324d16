package dev.retrospec.codegen.emit;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Text from a description made safe for Javadoc. */
final class Docs {
    private Docs() {}

    /**
     * Escapes what would break or mislead Javadoc: {@code *}{@code /} would end the comment, {@code <}, {@code >} and
     * {@code &} would be taken for HTML, and a line starting with {@code @} would be taken for a block tag. Line
     * breaks are kept; trailing blank lines are dropped.
     */
    static String escape(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\\R", -1)) {
            String escaped = line.stripTrailing()
                    .replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("*/", "*&#47;")
                    .replace("/*", "/&#42;");
            String body = escaped.stripLeading();
            if (body.startsWith("@")) {
                escaped = escaped.substring(0, escaped.length() - body.length()) + "{@literal @}" + body.substring(1);
            }
            lines.add(escaped);
        }
        return String.join("\n", lines);
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

    /** A one-line form for {@code @param}: the text's line breaks become spaces. */
    static String inline(@Nullable String text) {
        return text == null ? "" : escape(text).replaceAll("\\s*\\n\\s*", " ");
    }
}
