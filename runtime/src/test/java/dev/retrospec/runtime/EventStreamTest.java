package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Streaming;

/** {@link EventStream} against MockWebServer streaming {@code text/event-stream} in small chunks. */
class EventStreamTest {
    public record Delta(int seq, String text) {}

    interface WatchApi {
        @Streaming
        @GET("watch")
        Call<ResponseBody> watch();
    }

    private static final String THREE_EVENTS = "id: 1\nevent: delta\ndata: {\"seq\":1,\"text\":\"a\"}\n\n"
            + ": a comment the reader skips\n"
            + "data: {\"seq\":2,\n"
            + "data: \"text\":\"b\"}\n\n"
            + "id: 3\nevent: delta\ndata: {\"seq\":3,\"text\":\"c\"}\n\n";

    private final MockWebServer server = new MockWebServer();
    private final JsonAdapter<Delta> adapter = new Moshi.Builder().build().adapter(Delta.class);
    private final OkHttpClient client = new OkHttpClient.Builder()
            .addInterceptor(chain -> chain.proceed(chain.request()
                    .newBuilder()
                    .header("Authorization", "Bearer tok-1")
                    .build()))
            .build();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse stream(String body, int chunkSize) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .chunkedBody(body, chunkSize)
                .build();
    }

    private EventStream<Delta> open() {
        return EventStream.open(
                client, new Request.Builder().url(server.url("/watch")).build(), adapter);
    }

    @Test
    void eventsSplitAcrossChunksArriveWhole() throws Exception {
        server.enqueue(stream(THREE_EVENTS, 7));

        List<ServerSentEvent<Delta>> events;
        try (EventStream<Delta> stream = open()) {
            events = stream.stream().toList();
        }

        assertThat(events)
                .containsExactly(
                        new ServerSentEvent<>("1", "delta", new Delta(1, "a")),
                        new ServerSentEvent<>("1", null, new Delta(2, "b")), // the last id stands
                        new ServerSentEvent<>("3", "delta", new Delta(3, "c")));
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1"); // the client's interceptors
    }

    @Test
    void opensTheRequestOfARetrofitOperation() {
        server.enqueue(stream("data: {\"seq\":1,\"text\":\"a\"}\n\n", 5));
        WatchApi api = new Retrofit.Builder()
                .baseUrl(server.url("/"))
                .client(client)
                .build()
                .create(WatchApi.class);

        try (EventStream<Delta> stream = EventStream.open(client, api.watch().request(), adapter)) {
            assertThat(stream.next().data()).isEqualTo(new Delta(1, "a"));
            assertThat(stream.hasNext()).isFalse();
        }
    }

    @Test
    void aMalformedEventThrowsAndTheStreamGoesOn() {
        server.enqueue(stream(
                "id: 1\ndata: {\"seq\":1,\"text\":\"a\"}\n\n"
                        + "id: 2\nevent: delta\ndata: {\"seq\":\"two\"\n\n"
                        + "id: 3\ndata: {\"seq\":3,\"text\":\"c\"}\n\n",
                11));

        try (EventStream<Delta> stream = open()) {
            assertThat(stream.next().id()).isEqualTo("1");
            assertThatThrownBy(stream::next)
                    .isInstanceOf(JsonDataException.class)
                    .hasMessageStartingWith("event 2 (id '2') of type 'delta' is not the declared JSON: ");
            assertThat(stream.next()).isEqualTo(new ServerSentEvent<>("3", null, new Delta(3, "c")));
            assertThat(stream.hasNext()).isFalse();
            assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void theServerClosingMidStreamFailsTheStreamAfterTheEventsItSent() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .setHeader("Content-Length", "1000") // promises more than it sends
                .body("data: {\"seq\":1,\"text\":\"a\"}\n\ndata: {\"seq\":2,")
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        try (EventStream<Delta> stream = open()) {
            assertThat(stream.next().data()).isEqualTo(new Delta(1, "a"));
            UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class, stream::hasNext);
            assertThat(e).hasCauseInstanceOf(IOException.class);
            assertThat(stream.hasNext()).isFalse();
        }
    }

    @Test
    void anErrorStatusIsATypedException() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Content-Type", "application/json")
                .body("{\"title\":\"busy\"}")
                .build());

        try (EventStream<Delta> stream = open()) {
            ServerException e = catchThrowableOfType(ServerException.class, stream::hasNext);
            assertThat(e.bodyString()).isEqualTo("{\"title\":\"busy\"}");
            assertThat(e).hasMessage("HTTP 503 Server Error (GET " + server.url("/watch") + ")");
        }
    }

    @Test
    void aResponseThatIsNoEventStreamFails() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body("{}")
                .build());

        try (EventStream<Delta> stream = open()) {
            assertThatThrownBy(stream::hasNext)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageEndingWith("not an event stream: HTTP 200 with application/json");
        }
    }

    @Test
    void closingStopsTheStreamAndWakesAWaitingReader() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .body("data: {\"seq\":1,\"text\":\"a\"}\n\n")
                .onResponseEnd(SocketEffect.Stall.INSTANCE) // then nothing, for ever
                .build());
        EventStream<Delta> stream = open();
        assertThat(stream.next().data()).isEqualTo(new Delta(1, "a"));

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(stream::hasNext);
        stream.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(stream.hasNext()).isFalse();
        stream.close(); // twice is fine
    }

    @Test
    void closingWhileTheServerStillSendsDropsTheRest() {
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            many.append("id: ").append(i).append("\ndata: {\"seq\":").append(i).append(",\"text\":\"x\"}\n\n");
        }
        server.enqueue(stream(many.toString(), 64));

        EventStream<Delta> stream = open();
        assertThat(stream.next().id()).isEqualTo("1");
        assertThat(stream.next().id()).isEqualTo("2");
        stream.close();

        assertThat(stream.hasNext()).isFalse();
        assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class);
    }
}
