package dev.retrospec.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.testing.Goldens;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.MultipartReader;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import retrofit2.Call;

/**
 * The multipart body a generated operation sends, read back part by part: files with their names, text fields as
 * plain text (not JSON strings), a repeated file field as repeated parts, and a JSON field as JSON (the parts Prism
 * cannot judge, see {@link PrismConformanceTest}).
 */
class MultipartWireTest {
    @Test
    void uploadDocumentSendsEveryFieldAsThePartTheDescriptionSays() throws Exception {
        ClassLoader loader = Goldens.load("bodies-and-responses");
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(204).build());
            server.start();
            Object client = client(loader, server.url("/").toString());
            Object documents = client.getClass().getMethod("documents").invoke(client);
            Object metadata = loader.loadClass("com.example.bodies.model.Metadata")
                    .getConstructor(String.class)
                    .newInstance("Ada");
            Method upload = loader.loadClass("com.example.bodies.api.DocumentsApi")
                    .getMethod(
                            "uploadDocument",
                            MultipartBody.Part.class,
                            String.class,
                            List.class,
                            Integer.class,
                            metadata.getClass());

            Call<?> call = (Call<?>) upload.invoke(
                    documents,
                    file("file", "report.pdf", "%PDF"),
                    "Q3 report",
                    List.of(file("attachments", "a.png", "A"), file("attachments", "b.png", "B")),
                    12,
                    metadata);
            assertThat(call.execute().code()).isEqualTo(204);

            RecordedRequest request = server.takeRequest();
            assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
            assertThat(parts(request))
                    .containsExactly(
                            "form-data; name=\"file\"; filename=\"report.pdf\" | application/pdf | %PDF",
                            "form-data; name=\"title\" | text/plain; charset=utf-8 | Q3 report",
                            "form-data; name=\"attachments\"; filename=\"a.png\" | image/png | A",
                            "form-data; name=\"attachments\"; filename=\"b.png\" | image/png | B",
                            "form-data; name=\"pages\" | text/plain; charset=utf-8 | 12",
                            "form-data; name=\"metadata\" | application/json; charset=UTF-8 | {\"author\":\"Ada\"}");
        }
    }

    private static Object client(ClassLoader loader, String baseUrl) throws Exception {
        Object builder = loader.loadClass("com.example.bodies.FilesAndForms")
                .getMethod("builder")
                .invoke(null);
        builder.getClass().getMethod("baseUrl", String.class).invoke(builder, baseUrl);
        return builder.getClass().getMethod("build").invoke(builder);
    }

    private static MultipartBody.Part file(String field, String fileName, String content) {
        String type = fileName.endsWith(".pdf") ? "application/pdf" : "image/png";
        return MultipartBody.Part.createFormData(
                field, fileName, RequestBody.create(content.getBytes(StandardCharsets.UTF_8), MediaType.get(type)));
    }

    /** Each part as "Content-Disposition | Content-Type | body". */
    private static List<String> parts(RecordedRequest request) throws Exception {
        String boundary =
                MediaType.get(request.getHeaders().get("Content-Type")).parameter("boundary");
        List<String> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
            for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
                parts.add(part.headers().get("Content-Disposition") + " | "
                        + part.headers().get("Content-Type") + " | "
                        + part.body().readUtf8());
            }
        }
        return parts;
    }
}
