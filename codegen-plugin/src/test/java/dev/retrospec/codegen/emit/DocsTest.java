package dev.retrospec.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocsTest {
    @Test
    void escapesWhatWouldEndTheCommentOrBeTakenForMarkupOrTags() {
        assertThat(Docs.escape("Use /* and */ freely")).isEqualTo("Use /&#42; and *&#47; freely");
        assertThat(Docs.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
        assertThat(Docs.escape("Line one\n  @param fake")).isEqualTo("Line one\n  {@literal @}param fake");
        assertThat(Docs.escape("mail me@example.com")).isEqualTo("mail me@example.com");
    }

    @Test
    void paragraphsSkipBlanksAndRepeats() {
        assertThat(Docs.paragraphs("Summary", null, " ", "Summary", "More.")).isEqualTo("Summary\n\n<p>More.");
        assertThat(Docs.inline("two\n  lines")).isEqualTo("two lines");
    }
}
