package dev.retrospec.codegen.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documents a description's remote references lead to, fetched and digested, following their own references:
 * for the up-to-date check of a build that allows remote references, so that a change on the server regenerates.
 */
public final class RemoteDocuments {
    /** Enough for any real description; a ceiling against references that go on forever. */
    private static final int MAX_DOCUMENTS = 1_000;

    private RemoteDocuments() {}

    /**
     * One text naming every document reachable from {@code references} with the SHA-256 of its content (or why it
     * could not be read), sorted: equal texts mean the same remote content.
     *
     * @throws InterruptedIOException if interrupted while fetching
     */
    public static String digest(Iterable<DescriptionScan.RemoteReference> references) throws InterruptedIOException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        Map<String, String> digests = new TreeMap<>();
        Deque<URI> pending = new ArrayDeque<>();
        for (DescriptionScan.RemoteReference reference : references) {
            if (reference.target() != null) {
                pending.add(withoutFragment(reference.target()));
            }
        }
        while (!pending.isEmpty() && digests.size() < MAX_DOCUMENTS) {
            URI document = pending.pop();
            if (digests.containsKey(document.toString())) {
                continue;
            }
            try {
                byte[] content = fetch(http, document);
                digests.put(document.toString(), sha256(content));
                references(content, document, pending);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException interrupted) {
                    throw interrupted;
                }
                digests.put(document.toString(), "unreadable: " + e.getMessage());
            }
        }
        StringBuilder text = new StringBuilder();
        digests.forEach(
                (url, digest) -> text.append(url).append('=').append(digest).append('\n'));
        return text.toString();
    }

    private static byte[] fetch(HttpClient http, URI document) throws IOException {
        String scheme = document.getScheme() == null ? "" : document.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return Files.readAllBytes(Path.of(document));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("not an http, https or file URL");
        }
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(document)
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + document);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Adds the documents {@code content}'s own {@code $ref}s lead to. */
    private static void references(byte[] content, URI base, Deque<URI> pending) {
        JsonFactory factory = base.getPath() != null
                        && base.getPath().toLowerCase(Locale.ROOT).endsWith(".json")
                ? SourceMap.factory(Path.of("x.json"))
                : SourceMap.factory(Path.of("x.yaml"));
        try (JsonParser parser = factory.createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME
                        && "$ref".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    String ref = parser.getText();
                    int hash = ref.indexOf('#');
                    String location = hash < 0 ? ref : ref.substring(0, hash);
                    if (!location.isEmpty()) {
                        pending.add(withoutFragment(base.resolve(location.replace(" ", "%20"))));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // not YAML or JSON: its digest is all it contributes
        }
    }

    private static URI withoutFragment(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
        } catch (java.net.URISyntaxException e) {
            return uri;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required on every JVM", e);
        }
    }
}
