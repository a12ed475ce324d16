package dev.retrospec.codegen.emit;

import com.palantir.javapoet.CodeBlock;

/**
 * The one way a string from a description becomes a Java string literal: in annotations, switch labels, constants,
 * arguments. Like JavaPoet's {@code $S}, and stricter: line and paragraph separators (which JavaPoet's writer takes
 * for line breaks, breaking the literal), other invisible, bidirectional and control characters, and lone surrogates
 * (which UTF-8 cannot hold) become escapes, so the literal reads as what it holds and holds exactly the text.
 */
final class Literals {
    private Literals() {}

    /** {@code value} as a string literal, for {@code $L}. */
    static CodeBlock string(String value) {
        return CodeBlock.of("$L", quoted(value));
    }

    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i)); // a pair: one code point, fine in UTF-8
                    } else if (needsEscape(c)) {
                        // Not \n or \r (handled above): javac decodes \\u escapes first, and these are no line ends.
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean needsEscape(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
    }
}
