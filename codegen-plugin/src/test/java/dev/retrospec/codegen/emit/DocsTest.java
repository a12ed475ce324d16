package dev.retrospec.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocsTest {
    @Test
    void escapesWhatWouldEndTheCommentOrBeTakenForMarkupOrTags() {
        assertThat(Docs.escape("Use /* and */ freely")).isEqualTo("Use &#47;* and &#42;/ freely");
        assertThat(Docs.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
        assertThat(Docs.escape("Line one\n  @param fake {@link X}"))
                .isEqualTo("Line one\n  &#64;param fake {&#64;link X}");
        assertThat(Docs.escape("mail me@example.com")).isEqualTo("mail me&#64;example.com");
    }

    @Test
    void noUnicodeEscapeReachesJavacAndBackslashesStillReadAsBackslashes() {
        assertThat(Docs.escape("C:\\users\\shared")).isEqualTo("C:&#92;users&#92;shared");
        assertThat(Docs.escape("\\u002a/ evil")).isEqualTo("&#92;u002a/ evil").doesNotContain("\\");
        assertThat(Docs.escape("regex \\d+")).isEqualTo("regex &#92;d+");
    }

    @Test
    void invisibleAndBidirectionalCharactersAreShownAsReferences() {
        assertThat(Docs.escape("safe\u202E;evil\u2066")).isEqualTo("safe&#8238;;evil&#8294;");
        assertThat(Docs.escape("zero\u200Bwidth\u0000nul")).isEqualTo("zero&#8203;width&#0;nul");
        assertThat(Docs.escape("tab\tstays")).isEqualTo("tab\tstays");
    }

    @Test
    void codeSpansCannotBeUnbalancedByTheirText() {
        assertThat(Docs.code("a} {@link X")).isEqualTo("<code>a} {&#64;link X</code>");
    }

    @Test
    void paragraphsSkipBlanksAndRepeats() {
        assertThat(Docs.paragraphs("Summary", null, " ", "Summary", "More.")).isEqualTo("Summary\n<p>More.");
        assertThat(Docs.inline("two\n  lines")).isEqualTo("two lines");
    }

    @Test
    void markdownBecomesTheHtmlJavadocShows() {
        assertThat(Docs.escape("Use `listForRepo` with **care**, see [the guide](https://docs.example.com/a?b=1&c=2)."))
                .isEqualTo("Use <code>listForRepo</code> with <strong>care</strong>, see\n<a"
                        + " href=\"https://docs.example.com/a?b=1&amp;c=2\">the guide</a>.");
        assertThat(Docs.escape("First.\n\nSecond:\n\n- one\n- two"))
                .isEqualTo("First.\n<p>Second:\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
        assertThat(Docs.escape("# Title\nText")).isEqualTo("<b>Title</b>\n<p>Text");
        assertThat(Docs.escape("```\nif (a < b) { x(\"@y\"); }\n```"))
                .isEqualTo("<pre><code>if (a &lt; b) { x(\"&#64;y\"); }\n</code></pre>");
    }

    @Test
    void htmlInMarkdownIsShownAsTextAndScriptLinksAreDropped() {
        assertThat(Docs.escape("<script>alert(1)</script> *hi*"))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script");
        assertThat(Docs.escape("Say <b>hi</b> *now*")).isEqualTo("Say &lt;b&gt;hi&lt;/b&gt; <em>now</em>");
        assertThat(Docs.escape("[click](javascript:alert(1))")).doesNotContain("javascript");
        assertThat(Docs.escape("![logo](https://tracker.example.com/p.png)")).isEqualTo("logo");
    }

    @Test
    void markdownStillCannotEndTheCommentOrStartATag() {
        assertThat(Docs.escape("*a*/ and [x](http://h/*/) \\u002a/ @see"))
                .doesNotContain("*/")
                .doesNotContain("/*")
                .doesNotContain("\\")
                .doesNotContain("@");
    }

    @Test
    void longLinesAreWrappedAtSpacesOutsideTagsAndCodeBlocks() {
        String word = "word ";
        String escaped = Docs.escape("A [link](https://example.com/x) " + word.repeat(40));
        assertThat(escaped.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Docs.WIDTH));
        assertThat(escaped).contains("<a href=\"https://example.com/x\">link</a>");
        String code = "```\n" + "x".repeat(150) + " " + "y".repeat(10) + "\n```";
        assertThat(Docs.escape(code)).contains("x".repeat(150) + " " + "y".repeat(10));
    }
}
