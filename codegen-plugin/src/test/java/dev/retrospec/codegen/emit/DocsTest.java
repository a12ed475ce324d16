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
        assertThat(Docs.paragraphs("Summary", null, " ", "Summary", "More.")).isEqualTo("Summary\n\n<p>More.");
        assertThat(Docs.inline("two\n  lines")).isEqualTo("two lines");
    }
}
