package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.LinkHeader.Link;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/** {@link ResponseHeaders} and {@link LinkHeader}: headers read as what they mean. */
class ResponseHeadersTest {
    private static Response<String> response(String url, String... namesAndValues) {
        okhttp3.Response raw = new okhttp3.Response.Builder()
                .request(new Request.Builder().url(url).build())
                .protocol(Protocol.HTTP_1_1)
                .code(200)
                .message("OK")
                .headers(Headers.of(namesAndValues))
                .build();
        return Response.success("body", raw);
    }

    @Test
    void readsRetryAfter() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
        assertThat(ResponseHeaders.retryAfter(Headers.of("Retry-After", " 120 "), clock))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(ResponseHeaders.retryAfter(Headers.of("Retry-After", "Sat, 01 Mar 2025 12:01:30 GMT"), clock))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(ResponseHeaders.retryAfter(Headers.of("Retry-After", "Sat, 01 Mar 2025 11:00:00 GMT"), clock))
                .isEqualTo(Duration.ZERO);
        assertThat(ResponseHeaders.retryAfter(Headers.of("Retry-After", "-5"), clock))
                .isNull();
        assertThat(ResponseHeaders.retryAfter(Headers.of("Retry-After", "soon"), clock))
                .isNull();
        assertThat(ResponseHeaders.retryAfter(Headers.of("Retry-After", "99999999999999999999"), clock))
                .isNull();
        assertThat(ResponseHeaders.retryAfter(Headers.of(), clock)).isNull();
    }

    @Test
    void readsRateLimitsEtagAndLocation() {
        assertThat(ResponseHeaders.rateLimit(
                        Headers.of("RateLimit-Limit", "100", "RateLimit-Remaining", "7", "RateLimit-Reset", "30")))
                .isEqualTo(new ResponseHeaders.RateLimit(100L, 7L, 30L));
        assertThat(ResponseHeaders.rateLimit(Headers.of(
                        "X-RateLimit-Limit", "5000", "X-RateLimit-Remaining", "4999", "X-RateLimit-Reset", "x")))
                .isEqualTo(new ResponseHeaders.RateLimit(5000L, 4999L, null));
        assertThat(ResponseHeaders.rateLimit(Headers.of("Content-Type", "text/plain")))
                .isNull();

        assertThat(ResponseHeaders.etag(Headers.of("ETag", "W/\"a1\""))).isEqualTo("W/\"a1\"");
        assertThat(ResponseHeaders.etag(Headers.of())).isNull();

        assertThat(ResponseHeaders.location(response("https://api.example.com/v1/devices", "Location", "devices/d-9")))
                .hasToString("https://api.example.com/v1/devices/d-9");
        assertThat(ResponseHeaders.location(
                        response("https://api.example.com/v1/devices", "Location", "https://other.example/x")))
                .hasToString("https://other.example/x");
        assertThat(ResponseHeaders.location(response("https://api.example.com/")))
                .isNull();
    }

    @Test
    void parsesSeveralLinksWithQuotedParamsAndRelLists() {
        String header = "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\","
                + " <https://api.github.com/repositories/1/issues?page=9>; rel=\"last\", "
                + "<https://api.github.com/repositories/1/issues?page=1>;rel=\"first prev\";title=\"a; b, c\"";

        assertThat(LinkHeader.parse(header))
                .containsExactly(
                        new Link("https://api.github.com/repositories/1/issues?page=2", Map.of("rel", "next")),
                        new Link("https://api.github.com/repositories/1/issues?page=9", Map.of("rel", "last")),
                        new Link(
                                "https://api.github.com/repositories/1/issues?page=1",
                                Map.of("rel", "first prev", "title", "a; b, c")));
        assertThat(LinkHeader.parse(header).get(2).rels()).containsExactly("first", "prev");
    }

    @Test
    void parsesTheRfc8288Examples() {
        assertThat(LinkHeader.parse(
                        "<http://example.com/TheBook/chapter2>; rel=\"previous\"; title=\"previous chapter\""))
                .containsExactly(new Link(
                        "http://example.com/TheBook/chapter2", Map.of("rel", "previous", "title", "previous chapter")));
        assertThat(LinkHeader.parse("</>; rel=\"http://example.net/foo\""))
                .containsExactly(new Link("/", Map.of("rel", "http://example.net/foo")));
        assertThat(LinkHeader.parse("</terms>; rel=\"copyright\"; anchor=\"#foo\""))
                .containsExactly(new Link("/terms", Map.of("rel", "copyright", "anchor", "#foo")));
        assertThat(LinkHeader.parse("</TheBook/chapter2>; rel=\"previous\"; title*=UTF-8'de'letztes%20Kapitel,"
                        + " </TheBook/chapter4>; rel=\"next\"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel"))
                .extracting(Link::uri, l -> l.params().get("title*"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/TheBook/chapter2", "UTF-8'de'letztes%20Kapitel"),
                        org.assertj.core.groups.Tuple.tuple("/TheBook/chapter4", "UTF-8'de'n%c3%a4chstes%20Kapitel"));
        assertThat(LinkHeader.parse("<http://example.org/>; rel=\"start http://example.net/relation/other\"")
                        .get(0)
                        .rels())
                .containsExactly("start", "http://example.net/relation/other");
    }

    @Test
    void toleratesOddSpellingAndSkipsWhatIsNoLink() {
        assertThat(LinkHeader.parse(" , garbage; rel=next , <a,b>;REL = NEXT ;rel=other; hreflang ,<c>"))
                .containsExactly(new Link("a,b", Map.of("rel", "NEXT", "hreflang", "")), new Link("c", Map.of()));
        assertThat(LinkHeader.parse("<a>; title=\"say \\\"hi\\\"\"").get(0).params())
                .containsEntry("title", "say \"hi\"");
        assertThat(LinkHeader.parse("<unterminated; rel=next")).isEmpty();
        assertThat(LinkHeader.parse("")).isEmpty();
    }

    @Test
    void findsTheNextPageAcrossHeadersResolvedAgainstTheRequest() {
        Response<String> response = response(
                "https://api.example.com/v1/items?page=1",
                "Link",
                "</v1/items?page=9>; rel=\"last\"",
                "Link",
                "<?page=2>; rel=\"prev next\"");

        assertThat(LinkHeader.next(response)).hasToString("https://api.example.com/v1/items?page=2");
        assertThat(LinkHeader.find(response, "LAST")).hasToString("https://api.example.com/v1/items?page=9");
        assertThat(LinkHeader.find(response, "first")).isNull();
        assertThat(LinkHeader.next(response("https://api.example.com/"))).isNull();
    }
}
