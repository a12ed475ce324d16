package dev.retrospec.maven;

import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jspecify.annotations.Nullable;

/**
 * Where the description is on disk, however the user named it: a path (relative to the project), an
 * {@code http(s)} URL, or {@code classpath:} a resource of the plugin's dependencies. A resource inside a jar is extracted, with the
 * description files beside and below it, so that relative {@code $ref}s still resolve.
 */
final class SpecLocation implements Closeable {
    static final String CLASSPATH = "classpath:";

    private final Path file;
    private final String displayName;
    private final @Nullable Path extracted;
    private final @Nullable URI remoteOrigin;

    private SpecLocation(Path file, String displayName, @Nullable Path extracted, @Nullable URI remoteOrigin) {
        this.file = file;
        this.displayName = displayName;
        this.extracted = extracted;
        this.remoteOrigin = remoteOrigin;
    }

    /** The URL the description was downloaded from, or null for local and classpath ones. */
    @Nullable
    URI remoteOrigin() {
        return remoteOrigin;
    }

    Path file() {
        return file;
    }

    /** The name problems and logs use: what the user wrote. */
    String displayName() {
        return displayName;
    }

    /**
     * Where the description is, as a file.
     *
     * @throws SpecProblemsException if a classpath resource does not exist or a URL cannot be fetched
     * @throws IOException if a resource cannot be copied or a download fails on the way
     */
    static SpecLocation resolve(String inputSpec, Path basedir, ClassLoader loader)
            throws IOException, SpecProblemsException {
        if (inputSpec.startsWith("http://") || inputSpec.startsWith("https://")) {
            return download(inputSpec);
        }
        if (!inputSpec.startsWith(CLASSPATH)) {
            Path path = basedir.resolve(inputSpec).normalize();
            return new SpecLocation(path, inputSpec, null, null);
        }
        String resource = inputSpec.substring(CLASSPATH.length());
        while (resource.startsWith("/")) {
            resource = resource.substring(1);
        }
        URL url = loader.getResource(resource);
        if (url == null) {
            throw notFound(
                    inputSpec,
                    "not on the plugin's classpath: add the artifact that holds it as a"
                            + " <dependency> of the plugin");
        }
        if (url.getProtocol().equals("file")) {
            try {
                return new SpecLocation(Path.of(url.toURI()), inputSpec, null, null);
            } catch (URISyntaxException e) {
                throw new IOException("cannot read " + url, e);
            }
        }
        if (!url.getProtocol().equals("jar")) {
            throw notFound(inputSpec, "a " + url.getProtocol() + " resource; only files and jars are supported");
        }
        Path directory = Files.createTempDirectory("retrospec-spec-");
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        String folder = resource.contains("/") ? resource.substring(0, resource.lastIndexOf('/') + 1) : "";
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(folder) || !isDescription(name) && !name.equals(resource)) {
                    continue;
                }
                Path target = directory.resolve(name).normalize();
                if (!target.startsWith(directory)) {
                    continue; // an entry that would land outside the folder ("zip slip")
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        return new SpecLocation(directory.resolve(resource), inputSpec, directory, null);
    }

    /**
     * Downloads a description; swagger-parser then reads it from its URL again, so that relative references resolve
     * against the server, while problems are located in the downloaded copy.
     */
    private static SpecLocation download(String url) throws IOException, SpecProblemsException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw notFound(url, "not a URL: " + e.getMessage());
        }
        String name = uri.getPath() == null || uri.getPath().endsWith("/")
                ? "openapi.yaml"
                : uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        Path directory = Files.createTempDirectory("retrospec-spec-");
        Path file = directory.resolve(name.isEmpty() ? "openapi.yaml" : name);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            HttpResponse<Path> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                OutputWriter.deleteRecursively(directory);
                throw notFound(url, "answered HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            OutputWriter.deleteRecursively(directory);
            throw new java.io.InterruptedIOException("interrupted while downloading " + url);
        }
        return new SpecLocation(file, url, directory, uri);
    }

    private static SpecProblemsException notFound(String inputSpec, String why) {
        return new SpecProblemsException(
                List.of(new Problem(Problem.Severity.ERROR, Problem.Kind.NO_SUCH_FILE, inputSpec, 0, 0, "", why)));
    }

    private static boolean isDescription(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    @Override
    public void close() throws IOException {
        if (extracted != null) {
            OutputWriter.deleteRecursively(extracted);
        }
    }
}
