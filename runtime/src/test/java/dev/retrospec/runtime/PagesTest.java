package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Json;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.GET;
import retrofit2.http.Query;
import retrofit2.http.Url;

/** {@link Pages} over MockWebServer: each shape over several pages, an empty last page, a failure mid-way. */
class PagesTest {
    public record Item(String id) {}

    public record CursorPage(
            List<Item> items,
            @Json(name = "next_cursor") @Nullable String nextCursor) {}

    public record StripePage(
            List<Item> data, @Json(name = "has_more") boolean hasMore) {}

    public record Problem(String title) {}

    interface ItemsApi {
        @GET("items")
        Call<List<Item>> firstPage();

        @GET
        Call<List<Item>> page(@Url String url);

        @ErrorType(status = "404", type = Problem.class)
        @GET("items")
        Call<CursorPage> byCursor(@Query("cursor") @Nullable String cursor);

        @GET("charges")
        Call<StripePage> charges(@Query("starting_after") @Nullable String startingAfter);

        @GET("items")
        Call<List<Item>> byOffset(@Query("offset") long offset, @Query("limit") int limit);

        @GET("items")
        Call<List<Item>> byPage(@Query("page") int page);
    }

    private final MockWebServer server = new MockWebServer();
    private final Moshi moshi = new Moshi.Builder().build();
    private ItemsApi api;

    @BeforeEach
    void start() throws IOException {
        server.start();
        api = new Retrofit.Builder()
                .baseUrl(server.url("/v1/"))
                .client(new OkHttpClient.Builder()
                        .retryOnConnectionFailure(false)
                        .build())
                .addConverterFactory(MoshiConverterFactory.create(moshi))
                .build()
                .create(ItemsApi.class);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse json(String body, String... headers) {
        MockResponse.Builder builder = new MockResponse.Builder().setHeader("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            builder.addHeader(headers[i], headers[i + 1]);
        }
        return builder.body(body).build();
    }

    private static String items(String... ids) {
        List<String> json = new ArrayList<>();
        for (String id : ids) {
            json.add("{\"id\":\"" + id + "\"}");
        }
        return "[" + String.join(",", json) + "]";
    }

    private List<String> paths() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            paths.add(server.takeRequest(5, TimeUnit.SECONDS).getTarget());
        }
        return paths;
    }

    private static List<String> ids(Iterable<Item> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.id()));
        return ids;
    }

    @Test
    void followsLinkHeadersUntilThereIsNoNext() throws Exception {
        server.enqueue(json(items("a", "b"), "Link", "<" + server.url("/v1/items?page=2") + ">; rel=\"next\""));
        server.enqueue(
                json(items("c", "d"), "Link", "</v1/items?page=3>; rel=\"next\", </v1/items?page=1>; rel=first"));
        server.enqueue(json(items("e"), "Link", "</v1/items?page=1>; rel=\"first\""));

        Pages<List<Item>, Item> pages = Pages.byLink(api.firstPage(), api::page, page -> page);

        assertThat(ids(pages)).containsExactly("a", "b", "c", "d", "e");
        assertThat(paths()).containsExactly("/v1/items", "/v1/items?page=2", "/v1/items?page=3");
    }

    @Test
    void linkPagingStopsAtAnEmptyPageAndStartsOverOnEachIteration() throws Exception {
        for (int round = 0; round < 2; round++) {
            server.enqueue(json(items("a"), "Link", "</v1/items?page=2>; rel=\"next\""));
            server.enqueue(json(items("b"), "Link", "</v1/items?page=3>; rel=\"next\""));
            server.enqueue(json(items(), "Link", "</v1/items?page=4>; rel=\"next\""));
        }
        Pages<List<Item>, Item> pages = Pages.byLink(api.firstPage(), api::page, page -> page);

        assertThat(ids(pages)).containsExactly("a", "b");
        assertThat(pages.stream().map(Item::id)).containsExactly("a", "b");
        assertThat(paths())
                .containsExactly(
                        "/v1/items",
                        "/v1/items?page=2",
                        "/v1/items?page=3",
                        "/v1/items",
                        "/v1/items?page=2",
                        "/v1/items?page=3");
    }

    @Test
    void followsACursorUntilItIsNull() throws Exception {
        server.enqueue(json("{\"items\":" + items("a", "b") + ",\"next_cursor\":\"c2\"}"));
        server.enqueue(json("{\"items\":" + items("c") + ",\"next_cursor\":\"c3\"}"));
        server.enqueue(json("{\"items\":" + items("d") + ",\"next_cursor\":null}"));

        Pages<CursorPage, Item> pages = Pages.byCursor(api::byCursor, CursorPage::items, CursorPage::nextCursor);

        assertThat(ids(pages)).containsExactly("a", "b", "c", "d");
        assertThat(paths()).containsExactly("/v1/items", "/v1/items?cursor=c2", "/v1/items?cursor=c3");
    }

    @Test
    void cursorPagingStopsAtAnEmptyPageWhateverItsCursor() throws Exception {
        server.enqueue(json("{\"items\":" + items("a") + ",\"next_cursor\":\"c2\"}"));
        server.enqueue(json("{\"items\":" + items("b") + ",\"next_cursor\":\"c3\"}"));
        server.enqueue(json("{\"items\":[],\"next_cursor\":\"c4\"}"));

        Pages<CursorPage, Item> pages = Pages.byCursor(api::byCursor, CursorPage::items, CursorPage::nextCursor);

        assertThat(ids(pages)).containsExactly("a", "b");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void pagesLikeStripeWithStartingAfterAndHasMore() throws Exception {
        server.enqueue(json("{\"data\":" + items("ch_1", "ch_2") + ",\"has_more\":true}"));
        server.enqueue(json("{\"data\":" + items("ch_3", "ch_4") + ",\"has_more\":true}"));
        server.enqueue(json("{\"data\":" + items("ch_5") + ",\"has_more\":false}"));

        Pages<StripePage, Item> charges = Pages.byCursor(
                api::charges,
                StripePage::data,
                page -> page.hasMore() ? page.data().get(page.data().size() - 1).id() : null);

        assertThat(ids(charges)).containsExactly("ch_1", "ch_2", "ch_3", "ch_4", "ch_5");
        assertThat(paths())
                .containsExactly("/v1/charges", "/v1/charges?starting_after=ch_2", "/v1/charges?starting_after=ch_4");
    }

    @Test
    void pagesByOffsetUntilAnEmptyPage() throws Exception {
        server.enqueue(json(items("a", "b")));
        server.enqueue(json(items("c", "d")));
        server.enqueue(json(items("e")));
        server.enqueue(json(items()));

        Pages<List<Item>, Item> pages = Pages.byOffset(0, offset -> api.byOffset(offset, 2), page -> page);

        assertThat(ids(pages)).containsExactly("a", "b", "c", "d", "e");
        assertThat(paths())
                .containsExactly(
                        "/v1/items?offset=0&limit=2",
                        "/v1/items?offset=2&limit=2",
                        "/v1/items?offset=4&limit=2",
                        "/v1/items?offset=5&limit=2");
    }

    @Test
    void pagesByNumberUntilAnEmptyPage() throws Exception {
        server.enqueue(json(items("a", "b")));
        server.enqueue(json(items("c")));
        server.enqueue(json(items("d")));
        server.enqueue(json(items()));

        Pages<List<Item>, Item> pages = Pages.byPageNumber(1, api::byPage, page -> page);

        assertThat(ids(pages)).containsExactly("a", "b", "c", "d");
        assertThat(paths())
                .containsExactly("/v1/items?page=1", "/v1/items?page=2", "/v1/items?page=3", "/v1/items?page=4");
    }

    @Test
    void fetchesTheNextPageOnlyWhenIterationReachesIt() {
        server.enqueue(json(items("a", "b")));
        server.enqueue(json(items("c", "d")));

        Pages<List<Item>, Item> pages = Pages.byPageNumber(1, api::byPage, page -> page);

        assertThat(pages.stream().limit(2).map(Item::id)).containsExactly("a", "b");
        assertThat(server.getRequestCount()).isEqualTo(1);
        Iterator<Item> iterator = pages.iterator();
        assertThat(server.getRequestCount()).isEqualTo(1); // nothing fetched before the first hasNext
        assertThat(iterator.next().id()).isEqualTo("c"); // the server moved on: this iteration's page 1 is "c", "d"
    }

    @Test
    void rawPagesKeepTheirHeadersAndStatus() {
        server.enqueue(json(items("a"), "X-Total-Count", "2"));
        server.enqueue(json(items("b"), "X-Total-Count", "2"));
        server.enqueue(json(items()));

        Pages<List<Item>, Item> pages = Pages.byPageNumber(1, api::byPage, page -> page);

        List<Response<List<Item>>> raw = new ArrayList<>();
        pages.pages().forEach(raw::add);
        assertThat(raw).extracting(Response::code).containsExactly(200, 200, 200);
        assertThat(raw).extracting(r -> r.headers().get("X-Total-Count")).containsExactly("2", "2", null);
        assertThat(raw.get(2).body()).isEmpty();
    }

    @Test
    void anErrorMidwayThrowsATypedExceptionAfterTheEarlierPages() {
        server.enqueue(json("{\"items\":" + items("a", "b") + ",\"next_cursor\":\"c2\"}"));
        server.enqueue(json("{\"items\":" + items("c") + ",\"next_cursor\":\"c3\"}"));
        server.enqueue(new MockResponse.Builder()
                .code(404)
                .setHeader("Content-Type", "application/json")
                .body("{\"title\":\"cursor expired\"}")
                .build());

        Iterator<Item> items = Pages.byCursor(api::byCursor, CursorPage::items, CursorPage::nextCursor)
                .errors(ApiCalls.create(moshi))
                .iterator();

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> items.forEachRemaining(item -> seen.add(item.id())))
                .isInstanceOfSatisfying(
                        NotFoundException.class,
                        e -> assertThat(e.errorBody()).isEqualTo(new Problem("cursor expired")));
        assertThat(seen).containsExactly("a", "b", "c");
    }

    @Test
    void withoutErrorTypesTheExceptionKeepsTheBodyRaw() {
        server.enqueue(json(items("a")));
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());

        Iterator<Item> items = Pages.byPageNumber(1, api::byPage, page -> page).iterator();

        assertThat(items.next().id()).isEqualTo("a");
        assertThatThrownBy(items::hasNext)
                .isInstanceOfSatisfying(
                        ServerException.class, e -> assertThat(e.bodyString()).isEqualTo("busy"));
    }

    @Test
    void aConnectionFailureMidwayIsAnUncheckedIoException() {
        server.enqueue(json(items("a")));
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        Iterator<Item> items = Pages.byOffset(0, offset -> api.byOffset(offset, 1), page -> page)
                .iterator();

        assertThat(items.next().id()).isEqualTo("a");
        assertThatThrownBy(items::next).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aCursorThatPointsAtItsOwnPageStopsTheLoop() {
        server.enqueue(json("{\"items\":" + items("a") + ",\"next_cursor\":\"c1\"}"));
        server.enqueue(json("{\"items\":" + items("b") + ",\"next_cursor\":\"c1\"}"));

        Iterator<Item> items = Pages.byCursor(api::byCursor, CursorPage::items, CursorPage::nextCursor)
                .iterator();

        assertThat(items.next().id()).isEqualTo("a");
        assertThat(items.next().id()).isEqualTo("b");
        assertThatThrownBy(items::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("page 2 names itself as the next page");
    }
}
