package dev.retrospec.codegen.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown in descriptions as the HTML Javadoc shows: paragraphs, emphasis, code, lists, links, code blocks. Raw HTML in
 * the Markdown is shown as text, never passed through, and link URLs are sanitized ({@code javascript:} goes); headings
 * become bold paragraphs (Javadoc has its own), images their alternative text. The result is HTML that {@link Docs}
 * still makes safe for a comment ({@code @}, backslashes, comment ends, hidden characters).
 */
final class Markdown {
    private Markdown() {}

    /** Text with nothing Markdown would read differently from plain text, to skip the parser (most text is). */
    private static final Pattern PLAIN = Pattern.compile("[^*_`\\[\\]#<>&!|~\\\\]*");

    private static final Pattern BLOCK_MARKER = Pattern.compile("(?m)^( {4}|\\t| {0,3}([-+=>]|\\d+[.)])( |$))");

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("\n")
            .nodeRendererFactory(JavadocBlocks::new)
            .build();

    /** Whether {@code text} reads the same as Markdown and as plain text. */
    static boolean isPlain(String text) {
        return PLAIN.matcher(text).matches()
                && !BLOCK_MARKER.matcher(text).find()
                && !text.strip().contains("\n\n")
                && !text.contains("\n\r\n");
    }

    /**
     * The HTML of Markdown {@code text}: the first paragraph bare, later ones opened with {@code <p>}, as Javadoc
     * writes them; line breaks kept, not yet escaped for a comment.
     */
    static String html(String text) {
        // rel="nofollow" is for web pages that take links from strangers; in Javadoc it is only noise.
        return RENDERER.render(PARSER.parse(text))
                .replace("<a rel=\"nofollow\" href=", "<a href=")
                .strip();
    }

    /** Paragraphs without closing tags, the first without an opening one; headings and images made Javadoc's. */
    private static final class JavadocBlocks implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        JavadocBlocks(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Paragraph.class, Heading.class, Image.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof Image image) {
                children(image);
                return;
            }
            Node parent = node.getParent();
            if (parent instanceof ListItem item && item.getParent() instanceof ListBlock list && list.isTight()) {
                children(node); // a tight list's items are their text, as Markdown renders them
                return;
            }
            boolean topLevel = parent instanceof Document;
            if (!topLevel || node.getPrevious() != null) {
                html.line();
                html.tag("p");
            }
            if (node instanceof Heading) {
                html.tag("b");
                children(node);
                html.tag("/b");
            } else {
                children(node);
            }
            html.line();
        }

        private void children(Node parent) {
            List<Node> children = new ArrayList<>();
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                children.add(child);
            }
            children.forEach(context::render);
        }
    }
}
