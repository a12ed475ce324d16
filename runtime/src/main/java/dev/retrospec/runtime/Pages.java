package dev.retrospec.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * The items of a paged operation, fetched a page at a time as iteration reaches them. Each {@link #iterator()} or
 * {@link #stream()} starts again from the first page; {@link #pages()} gives the raw responses (headers, status) of
 * the pages instead.
 *
 * <pre>{@code
 * Pages<DeviceList, Device> devices = Pages.byCursor(
 *         cursor -> api.listDevices(cursor, 50), DeviceList::items, DeviceList::nextCursor);
 * for (Device device : devices) { ... }
 * }</pre>
 *
 * <p>Paging stops when there is no next page, or at the first page without items. A failure fails the iteration
 * where it happens: an unsuccessful response throws an {@link ApiException} (typed by {@link #errors(ApiCalls)}),
 * an I/O failure an {@link UncheckedIOException}; the pages before it have been delivered.
 *
 * @param <P> the page, as the operation returns it
 * @param <T> an item
 */
public final class Pages<P, T> implements Iterable<T> {
    /**
     * Where the page after {@code page} is, from the key that fetched it, its response and its body: the key of the
     * next page, or null if there is none.
     */
    @FunctionalInterface
    public interface Next<K extends @Nullable Object, P> {
        @Nullable
        K next(K key, Response<P> response, P page);
    }

    private final Walk<?, P> walk;
    private final Function<P, List<T>> items;
    private final @Nullable ApiCalls errors;

    /** The keys: the first, how to fetch a page by its key, and how to find the next key. */
    private record Walk<K extends @Nullable Object, P>(K first, Function<K, Call<P>> fetch, Next<K, P> next) {}

    private Pages(Walk<?, P> walk, Function<P, List<T>> items, @Nullable ApiCalls errors) {
        this.walk = walk;
        this.items = items;
        this.errors = errors;
    }

    /**
     * Pages of any shape: {@code fetch} the page of key {@code first}, then of each key {@code next} finds, until it
     * finds none.
     */
    public static <K extends @Nullable Object, P, T> Pages<P, T> of(
            K first, Function<K, Call<P>> fetch, Function<P, List<T>> items, Next<K, P> next) {
        Objects.requireNonNull(fetch, "fetch == null");
        Objects.requireNonNull(items, "items == null");
        Objects.requireNonNull(next, "next == null");
        return new Pages<>(new Walk<>(first, fetch, next), items, null);
    }

    /**
     * Pages linked by the {@code Link} header's {@code rel="next"} (GitHub and others): {@code first} (cloned for
     * each iteration), then {@code byUrl} of each next link, resolved against its page's URL; typically a Retrofit
     * method {@code @GET Call<P> page(@Url String url)}.
     */
    public static <P, T> Pages<P, T> byLink(
            Call<P> first, Function<String, Call<P>> byUrl, Function<P, List<T>> items) {
        Objects.requireNonNull(first, "first == null");
        Objects.requireNonNull(byUrl, "byUrl == null");
        Function<@Nullable HttpUrl, Call<P>> fetch = url -> url == null ? first.clone() : byUrl.apply(url.toString());
        return of(null, fetch, items, (url, response, page) -> LinkHeader.next(response));
    }

    /**
     * Pages linked by the {@code Link} header's {@code rel="next"}, with no method for the next pages: each is the
     * first page's request sent to the linked URL through {@code retrofit}, read as the first page's type. Generated
     * clients offer it as {@code client.pages(call)}.
     */
    public static <P, T> Pages<P, T> byLink(Retrofit retrofit, Call<P> first, Function<P, List<T>> items) {
        Objects.requireNonNull(retrofit, "retrofit == null");
        Objects.requireNonNull(first, "first == null");
        return byLink(first, LinkedPage.after(retrofit, first), items);
    }

    /**
     * Pages chained by a cursor the page carries ({@code next_cursor}; or Stripe's {@code starting_after}, where
     * {@code nextCursor} is the last item's id while {@code has_more}): {@code fetch(null)} first, then
     * {@code fetch(cursor)} until the cursor is null or empty.
     */
    public static <P, T> Pages<P, T> byCursor(
            Function<@Nullable String, Call<P>> fetch,
            Function<P, List<T>> items,
            Function<P, @Nullable String> nextCursor) {
        Objects.requireNonNull(nextCursor, "nextCursor == null");
        return of(null, fetch, items, (cursor, response, page) -> {
            String next = nextCursor.apply(page);
            return next == null || next.isEmpty() ? null : next;
        });
    }

    /**
     * Pages by offset: {@code fetch(start)}, then from the offset after the items received so far, until a page
     * comes back empty. The page size (limit) is the caller's, inside {@code fetch}.
     */
    public static <P, T> Pages<P, T> byOffset(long start, LongFunction<Call<P>> fetch, Function<P, List<T>> items) {
        Objects.requireNonNull(fetch, "fetch == null");
        return of(
                start,
                fetch::apply,
                items,
                (offset, response, page) -> offset + items.apply(page).size());
    }

    /** Pages by number: {@code fetch(first)}, {@code fetch(first + 1)} and on until a page comes back empty. */
    public static <P, T> Pages<P, T> byPageNumber(int first, IntFunction<Call<P>> fetch, Function<P, List<T>> items) {
        Objects.requireNonNull(fetch, "fetch == null");
        return of(first, fetch::apply, items, (number, response, page) -> number + 1);
    }

    /** The same pages, unsuccessful responses thrown as {@code calls} types them (error bodies decoded). */
    public Pages<P, T> errors(ApiCalls calls) {
        return new Pages<>(walk, items, Objects.requireNonNull(calls, "calls == null"));
    }

    /** The items, fetching each page when iteration reaches it. */
    @Override
    public Iterator<T> iterator() {
        Iterator<Response<P>> pages = new PageIterator<>(walk);
        return new Iterator<>() {
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!pages.hasNext()) {
                        return false;
                    }
                    current = items.apply(body(pages.next())).iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The items as a sequential, lazy stream. */
    public Stream<T> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    /** The pages' successful responses, each fetched when iteration reaches it. */
    public Iterable<Response<P>> pages() {
        return () -> new PageIterator<>(walk);
    }

    private P body(Response<P> response) {
        return Objects.requireNonNull(response.body(), "a page without a body");
    }

    /** Fetches page after page by key. */
    private final class PageIterator<K extends @Nullable Object> implements Iterator<Response<P>> {
        private final Walk<K, P> walk;
        private K key;
        private int fetched;
        private boolean done;
        /** Whether the last page named itself as the next: thrown once its items are delivered. */
        private boolean loops;

        private @Nullable Response<P> ahead;

        PageIterator(Walk<K, P> walk) {
            this.walk = walk;
            this.key = walk.first();
        }

        @Override
        public boolean hasNext() {
            if (ahead != null) {
                return true;
            }
            if (loops) {
                throw new IllegalStateException("page " + fetched + " names itself as the next page");
            }
            if (done) {
                return false;
            }
            done = true; // until this page says there is another
            Response<P> response;
            try {
                response = walk.fetch().apply(key).execute();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!response.isSuccessful()) {
                throw errors != null ? errors.exception(response) : ApiException.from(response);
            }
            fetched++;
            P page = body(response);
            ahead = response;
            if (!items.apply(page).isEmpty()) {
                K next = walk.next().next(key, response, page);
                if (next != null && next.equals(key)) {
                    loops = true;
                } else if (next != null) {
                    key = next;
                    done = false;
                }
            }
            return true;
        }

        @Override
        public Response<P> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Response<P> page = Objects.requireNonNull(ahead);
            ahead = null;
            return page;
        }
    }
}
