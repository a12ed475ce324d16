package dev.retrospec.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * The {@code Link} header (RFC 8288) as links: {@code <https://api.example.com/items?page=3>; rel="next"}, several
 * per header and several headers, parameters quoted or not, a {@code rel} listing several relations. What pages
 * through GitHub's API and others: {@link #next(Response)}.
 */
public final class LinkHeader {
    private LinkHeader() {}

    /**
     * One link.
     *
     * @param uri the target as written (a URI reference, possibly relative)
     * @param params the parameters by lower-case name, the first of each name, in order; a parameter without a value
     *     maps to the empty string
     */
    public record Link(String uri, Map<String, String> params) {
        public Link {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** The relations ({@code rel}), lower case; empty if it has none. */
        public List<String> rels() {
            String rel = params.get("rel");
            if (rel == null || rel.isBlank()) {
                return List.of();
            }
            return Arrays.stream(rel.trim().split("[ \\t]+"))
                    .map(r -> r.toLowerCase(Locale.ROOT))
                    .toList();
        }

        /** Whether {@code rel} lists {@code relation} (case-insensitive). */
        public boolean hasRel(String relation) {
            return rels().contains(relation.toLowerCase(Locale.ROOT));
        }
    }

    /** The URL of the next page ({@code rel="next"}), resolved against the request's URL; null if there is none. */
    public static @Nullable HttpUrl next(Response<?> response) {
        return find(response, "next");
    }

    /** The URL of the link with the relation {@code rel}, resolved against the request's URL; null if none. */
    public static @Nullable HttpUrl find(Response<?> response, String rel) {
        HttpUrl base = response.raw().request().url();
        for (Link link : parse(response.headers())) {
            if (link.hasRel(rel)) {
                return base.resolve(link.uri());
            }
        }
        return null;
    }

    /** Every link of every {@code Link} header, in order. */
    public static List<Link> parse(Headers headers) {
        List<Link> links = new ArrayList<>();
        for (String value : headers.values("Link")) {
            new Parser(value).links(links);
        }
        return links;
    }

    /** The links of one {@code Link} header value; what cannot be read is skipped. */
    public static List<Link> parse(String value) {
        List<Link> links = new ArrayList<>();
        new Parser(value).links(links);
        return links;
    }

    /** A single pass over one header value. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void links(List<Link> into) {
            while (true) {
                skip(" \t,");
                if (pos >= s.length()) {
                    return;
                }
                if (s.charAt(pos) != '<') {
                    skipPastComma(); // not a link-value: drop it
                    continue;
                }
                int end = s.indexOf('>', pos + 1);
                if (end < 0) {
                    return;
                }
                String uri = s.substring(pos + 1, end).trim();
                pos = end + 1;
                Map<String, String> params = new LinkedHashMap<>();
                while (true) {
                    skip(" \t");
                    if (pos >= s.length() || s.charAt(pos) == ',') {
                        break;
                    }
                    if (s.charAt(pos) != ';') {
                        skipPastComma();
                        break;
                    }
                    pos++;
                    param(params);
                }
                into.add(new Link(uri, params));
            }
        }

        private void param(Map<String, String> params) {
            skip(" \t");
            String name = token().toLowerCase(Locale.ROOT);
            skip(" \t");
            String value = "";
            if (pos < s.length() && s.charAt(pos) == '=') {
                pos++;
                skip(" \t");
                value = pos < s.length() && s.charAt(pos) == '"' ? quoted() : token();
            }
            if (!name.isEmpty()) {
                params.putIfAbsent(name, value);
            }
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && ";,= \t\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            pos++; // the opening quote
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                out.append(c);
            }
            return out.toString();
        }

        private void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        /** Moves past the next comma outside quotes and angle brackets, or to the end. */
        private void skipPastComma() {
            boolean quoted = false;
            boolean bracketed = false;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (quoted) {
                    if (c == '\\') {
                        pos++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == '<') {
                    bracketed = true;
                } else if (c == '>') {
                    bracketed = false;
                } else if (c == ',' && !bracketed) {
                    return;
                }
            }
        }
    }
}
