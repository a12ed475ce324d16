package dev.retrospec.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retrospec.codegen.testing.Goldens;
import dev.retrospec.runtime.ApiException;
import dev.retrospec.runtime.EventStream;
import dev.retrospec.runtime.NotFoundException;
import dev.retrospec.runtime.Pages;
import dev.retrospec.runtime.RetryPolicy;
import dev.retrospec.runtime.ServerSentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;

/**
 * The sdk-calls golden, compiled and called over loopback: each paging shape over three pages and an empty one, an
 * error mid-way, an event stream in chunks, an idempotent POST retried with its key, a typed exception.
 */
class SdkCallsWireTest {
    private static ClassLoader loader;
    private MockWebServer server;
    private Object client;

    @BeforeAll
    static void compile() throws Exception {
        loader = Goldens.load("sdk-calls");
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        Object builder =
                loader.loadClass("com.example.sdk.Ledger").getMethod("builder").invoke(null);
        builder.getClass()
                .getMethod("baseUrl", String.class)
                .invoke(builder, server.url("/v2/").toString());
        builder.getClass()
                .getMethod("retries", RetryPolicy.class)
                .invoke(
                        builder,
                        RetryPolicy.defaults()
                                .newBuilder()
                                .baseDelay(Duration.ofMillis(1))
                                .build());
        client = builder.getClass().getMethod("build").invoke(builder);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Object api(String name) throws Exception {
        return client.getClass().getMethod(name).invoke(client);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static List<String> describe(Iterable<?> items) {
        List<String> all = new ArrayList<>();
        items.forEach(item -> all.add(String.valueOf(item)));
        return all;
    }

    @Test
    void linkedPagesAreFollowedByTheClientWithTheFirstRequestsHeaders() throws Exception {
        String next = server.url("/v2/accounts?page=").toString();
        server.enqueue(json("[{\"id\":\"a\"},{\"id\":\"b\"}]")
                .newBuilder()
                .setHeader("Link", "<" + next + "2>; rel=\"next\", <" + next + "3>; rel=\"last\"")
                .build());
        server.enqueue(json("[{\"id\":\"c\"}]")
                .newBuilder()
                .setHeader("Link", "<" + next + "3>; rel=\"next\"")
                .build());
        server.enqueue(json("[]"));
        Object accounts = api("accounts");
        Call<?> first = (Call<?>)
                accounts.getClass().getMethod("listAccounts", Long.class).invoke(accounts, 2L);
        @SuppressWarnings("unchecked")
        Pages<List<Object>, Object> pages = (Pages<List<Object>, Object>)
                client.getClass().getMethod("pages", Call.class).invoke(client, first);

        assertThat(describe(pages))
                .containsExactly("Account[id=a, name=null]", "Account[id=b, name=null]", "Account[id=c, name=null]");
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("per_page=2");
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("page=2");
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("page=3");
    }

    @Test
    void cursorPagesStopWhereTheCursorEndsAndAnErrorMidwayIsTyped() throws Exception {
        server.enqueue(json("{\"items\":[{\"amount\":1}],\"next_cursor\":\"c2\"}"));
        server.enqueue(json("{\"items\":[{\"amount\":2}],\"next_cursor\":\"c3\"}"));
        server.enqueue(json("{\"items\":[{\"amount\":3}]}"));
        server.enqueue(json("{\"items\":[{\"amount\":1}],\"next_cursor\":\"c2\"}"));
        server.enqueue(new MockResponse.Builder()
                .code(404)
                .setHeader("Content-Type", "application/json")
                .body("{\"title\":\"gone\"}")
                .build());
        Object entries = api("entries");
        // Parameters named page and key do not meet the companion's own names.
        Pages<?, ?> pages = (Pages<?, ?>) entries.getClass()
                .getMethod("listEntriesPages", String.class, String.class, Long.class)
                .invoke(entries, null, "k", 10L);

        assertThat(describe(pages)).containsExactly("Entry[amount=1]", "Entry[amount=2]", "Entry[amount=3]");
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("key=k&limit=10");
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("cursor=c2&key=k&limit=10");
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("cursor=c3&key=k&limit=10");
        List<String> before = new ArrayList<>();
        assertThatThrownBy(() -> pages.forEach(item -> before.add(String.valueOf(item))))
                .isInstanceOf(NotFoundException.class);
        assertThat(before).containsExactly("Entry[amount=1]");
    }

    @Test
    void stripesPagesStartAfterTheLastItemWhileThereAreMore() throws Exception {
        server.enqueue(json("{\"data\":[{\"id\":\"ch_1\"},{\"id\":\"ch_2\"}],\"has_more\":true}"));
        server.enqueue(json("{\"data\":[{\"id\":\"ch_3\"}],\"has_more\":true}"));
        server.enqueue(json("{\"data\":[],\"has_more\":false}"));
        Object charges = api("charges");
        Pages<?, ?> pages =
                (Pages<?, ?>) charges.getClass().getMethod("listChargesPages").invoke(charges);

        assertThat(describe(pages)).hasSize(3);
        assertThat(server.takeRequest().getUrl().encodedQuery()).isNull();
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("starting_after=ch_2");
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("starting_after=ch_3");
    }

    @Test
    void offsetAndPageNumberPagesGoOnUntilAnEmptyPage() throws Exception {
        server.enqueue(json("{\"results\":[{\"id\":\"t1\"},{\"id\":\"t2\"}]}"));
        server.enqueue(json("{\"results\":[{\"id\":\"t3\"}]}"));
        server.enqueue(json("{\"results\":[]}"));
        server.enqueue(json("[\"s1\"]"));
        server.enqueue(json("[\"s2\"]"));
        server.enqueue(json("[]"));
        Object transfers = api("transfers");
        Object statements = api("statements");

        assertThat(describe((Pages<?, ?>)
                        transfers.getClass().getMethod("listTransfersPages").invoke(transfers)))
                .hasSize(3);
        assertThat(describe((Pages<?, ?>)
                        statements.getClass().getMethod("listStatementsPages").invoke(statements)))
                .containsExactly("s1", "s2");
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queries.add(server.takeRequest().getUrl().encodedQuery());
        }
        assertThat(queries).containsExactly("offset=0", "offset=2", "offset=3", "page=1", "page=2", "page=3");
    }

    @Test
    void eventsArriveTypedAsTheyAreStreamed() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .chunkedBody(
                        "id: 1\ndata: {\"kind\":\"opened\",\"account\":\"a\"}\n\n"
                                + "data: {\"kind\":\"closed\"}\n\nid: 3\nevent: ping\ndata: {\"kind\":\"ping\"}\n\n",
                        7)
                .build());
        Object events = api("events");
        try (EventStream<?> stream =
                (EventStream<?>) events.getClass().getMethod("watchEvents").invoke(events)) {
            List<String> seen = new ArrayList<>();
            stream.forEachRemaining(event -> seen.add(describe((ServerSentEvent<?>) event)));

            assertThat(seen)
                    .containsExactly(
                            "1 null LedgerEvent[kind=opened, account=a]",
                            "1 null LedgerEvent[kind=closed, account=null]",
                            "3 ping LedgerEvent[kind=ping, account=null]");
        }
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo("text/event-stream");
    }

    private static String describe(ServerSentEvent<?> event) {
        return event.id() + " " + event.type() + " " + event.data();
    }

    @Test
    void anIdempotentPostIsRetriedWithTheSameKeyAndErrorsAreTyped() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(json("{\"id\":\"acc\"}").newBuilder().code(201).build());
        server.enqueue(new MockResponse.Builder()
                .code(409)
                .setHeader("Content-Type", "application/json")
                .body("{\"title\":\"exists\"}")
                .build());
        Object accounts = api("accounts");
        Class<?> account = loader.loadClass("com.example.sdk.model.Account");
        Object body = account.getConstructor(String.class, String.class).newInstance("acc", null);
        var open = accounts.getClass().getMethod("openAccount", account, String.class);
        var bodyOrThrow = client.getClass().getMethod("bodyOrThrow", Call.class);

        Object opened = bodyOrThrow.invoke(client, open.invoke(accounts, body, null));
        Throwable conflict = null;
        try {
            bodyOrThrow.invoke(client, open.invoke(accounts, body, null));
        } catch (java.lang.reflect.InvocationTargetException e) {
            conflict = e.getCause();
        }

        assertThat(opened).hasToString("Account[id=acc, name=null]");
        RecordedRequest refused = server.takeRequest();
        RecordedRequest retried = server.takeRequest();
        RecordedRequest another = server.takeRequest();
        assertThat(refused.getHeaders().get("Idempotency-Key")).isNotBlank();
        assertThat(retried.getHeaders().get("Idempotency-Key"))
                .isEqualTo(refused.getHeaders().get("Idempotency-Key"));
        assertThat(another.getHeaders().get("Idempotency-Key"))
                .isNotEqualTo(refused.getHeaders().get("Idempotency-Key"));
        assertThat(conflict).isInstanceOf(ApiException.class);
        assertThat(((ApiException) conflict).code()).isEqualTo(409);
        assertThat(String.valueOf(((ApiException) conflict).errorBody())).isEqualTo("Problem[title=exists]");
    }
}
