package dev.retrospec.runtime;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.jspecify.annotations.Nullable;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * A stream of server-sent events ({@code text/event-stream}) read as it arrives, each event's {@code data} decoded
 * with a Moshi adapter. Iterate it, or {@link #stream()} it, and close it when done: closing cancels the request.
 *
 * <pre>{@code
 * try (EventStream<Delta> events = EventStream.open(client.okHttpClient(), api.watch(id).request(), adapter)) {
 *     while (events.hasNext()) {
 *         ServerSentEvent<Delta> event = events.next();
 *     }
 * }
 * }</pre>
 *
 * <p>The request goes through the given client, so its interceptors and authenticator (the bearer token's) apply;
 * OkHttp's SSE support ({@code okhttp-sse}) reads the stream on the client's dispatcher and this class hands the
 * events over, at most {@value #BUFFERED} ahead of the reader: a slow reader slows the stream down rather than
 * filling memory. A stream idle for longer than the client's read timeout fails; give such streams a client with a
 * longer one.
 *
 * <ul>
 *   <li>{@link #hasNext()} waits for the next event; it returns false once the server ends the stream or after
 *       {@link #close()}, and throws if the stream failed: an {@link ApiException} when the server answered with an
 *       error status, an {@link UncheckedIOException} when the connection failed or the response is not an event
 *       stream.
 *   <li>{@link #next()} throws {@link JsonDataException} when an event's data is not the declared JSON; that event is
 *       then consumed and the stream goes on.
 * </ul>
 */
public final class EventStream<T> implements Iterator<ServerSentEvent<T>>, AutoCloseable {
    static final int BUFFERED = 16;

    /** The end of the stream, in the queue. */
    private static final Object END = new Object();

    private record Raw(@Nullable String id, @Nullable String type, String data) {}

    private record Failed(RuntimeException exception) {}

    /** Turns an event's data into a value: a Moshi adapter's {@code fromJson}, or the text itself. */
    private interface Decoder<T> {
        @Nullable
        T decode(String data) throws IOException;
    }

    private final Decoder<T> adapter;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BUFFERED);
    private final EventSource source;
    private volatile boolean closed;
    /** What {@link #hasNext()} took from the queue and {@link #next()} has not returned yet. */
    private @Nullable Raw pending;

    private boolean ended;
    private int index;

    private EventStream(Call.Factory client, Request request, Decoder<T> adapter) {
        this.adapter = adapter;
        this.source = EventSources.createFactory(client).newEventSource(request, new Listener());
    }

    /**
     * Starts the request with {@code client} and returns the stream of its events. With Retrofit, the request of a
     * {@code @Streaming Call<ResponseBody>} operation: {@code open(okHttpClient, api.events().request(), adapter)}.
     */
    public static <T> EventStream<T> open(Call.Factory client, Request request, JsonAdapter<T> adapter) {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(request, "request == null");
        Objects.requireNonNull(adapter, "adapter == null");
        return new EventStream<>(client, request, adapter::fromJson);
    }

    /** {@link #open}, with each event's data as its text, not JSON. */
    public static EventStream<String> openText(Call.Factory client, Request request) {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(request, "request == null");
        return new EventStream<>(client, request, data -> data);
    }

    /**
     * A Retrofit call adapter factory for {@code @Streaming} methods that return {@code EventStream<T>}: the request
     * Retrofit builds is opened as an event stream through the Retrofit's call factory (so authentication and every
     * interceptor apply), each event's data read as {@code T} with {@code moshi}, or as text for {@code String}.
     */
    public static CallAdapter.Factory callAdapterFactory(Moshi moshi) {
        Objects.requireNonNull(moshi, "moshi == null");
        return new CallAdapter.Factory() {
            @Override
            public @Nullable CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
                if (getRawType(returnType) != EventStream.class) {
                    return null;
                }
                if (!(returnType instanceof ParameterizedType parameterized)) {
                    throw new IllegalArgumentException("EventStream needs its data type: EventStream<T>");
                }
                Type data = getParameterUpperBound(0, parameterized);
                Call.Factory calls = retrofit.callFactory();
                if (data == String.class) {
                    return new Adapter<>(call -> openText(calls, call.request()));
                }
                JsonAdapter<Object> json = moshi.adapter(data);
                return new Adapter<>(call -> open(calls, call.request(), json));
            }
        };
    }

    /** Opens the request of a Retrofit call as an event stream. */
    private record Adapter<T>(java.util.function.Function<retrofit2.Call<ResponseBody>, EventStream<T>> open)
            implements CallAdapter<ResponseBody, EventStream<T>> {
        @Override
        public Type responseType() {
            return ResponseBody.class;
        }

        @Override
        public EventStream<T> adapt(retrofit2.Call<ResponseBody> call) {
            return open.apply(call);
        }
    }

    /** Waits for the next event; false when the stream has ended or was closed. */
    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (ended || closed) {
            return false;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for an event");
            interrupted.initCause(e);
            throw new UncheckedIOException(interrupted);
        }
        if (closed) {
            return false;
        }
        if (item instanceof Raw raw) {
            pending = raw;
            return true;
        }
        ended = true;
        close();
        if (item instanceof Failed failed) {
            throw failed.exception();
        }
        return false;
    }

    /**
     * The next event, decoded.
     *
     * @throws JsonDataException if its data is not JSON of the declared type (the stream goes on after it)
     * @throws NoSuchElementException if the stream has ended or was closed
     */
    @Override
    public ServerSentEvent<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Raw raw = Objects.requireNonNull(pending);
        pending = null;
        index++;
        T data;
        try {
            data = adapter.decode(raw.data());
        } catch (IOException | JsonDataException e) {
            throw new JsonDataException(describe(raw) + " is not the declared JSON: " + e.getMessage(), e);
        }
        if (data == null) {
            throw new JsonDataException(describe(raw) + " is null");
        }
        return new ServerSentEvent<>(raw.id(), raw.type(), data);
    }

    private String describe(Raw raw) {
        return "event " + index + (raw.id() == null ? "" : " (id '" + raw.id() + "')")
                + (raw.type() == null ? "" : " of type '" + raw.type() + "'");
    }

    /** The remaining events as a sequential stream that closes this one when it is closed. */
    public Stream<ServerSentEvent<T>> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /** Cancels the request; {@link #hasNext()} returns false from now on, also in a thread waiting in it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        source.cancel();
        queue.clear(); // lets a reader blocked on a full queue finish
        queue.offer(END); // wakes a consumer waiting in hasNext
    }

    @Override
    public String toString() {
        return "EventStream[" + source.request().method() + " "
                + source.request().url().redact() + "]";
    }

    private final class Listener extends EventSourceListener {
        @Override
        public void onEvent(EventSource eventSource, @Nullable String id, @Nullable String type, String data) {
            put(eventSource, new Raw(id, type, data));
        }

        @Override
        public void onClosed(EventSource eventSource) {
            put(eventSource, END);
        }

        @Override
        public void onFailure(EventSource eventSource, @Nullable Throwable t, @Nullable Response response) {
            put(eventSource, new Failed(failure(t, response)));
        }

        private RuntimeException failure(@Nullable Throwable t, @Nullable Response response) {
            if (response != null && !response.isSuccessful()) {
                return ApiException.from(response, response.body(), null);
            }
            if (response != null && !(t instanceof IOException)) { // OkHttp says why in an IllegalStateException
                String type = response.header("Content-Type");
                return new UncheckedIOException(new IOException(
                        "not an event stream: HTTP " + response.code() + " with "
                                + (type == null ? "no content type" : type),
                        t));
            }
            if (t instanceof IOException e) {
                return new UncheckedIOException(e);
            }
            if (t instanceof RuntimeException e) {
                return e;
            }
            return new IllegalStateException("event stream failed", t);
        }

        /** Hands an item over, waiting while the consumer is {@value #BUFFERED} behind. */
        private void put(EventSource eventSource, Object item) {
            if (closed) {
                return;
            }
            try {
                queue.put(item);
            } catch (InterruptedException e) { // OkHttp's dispatcher is shutting down: the stream fails
                Thread.currentThread().interrupt();
                eventSource.cancel();
                queue.clear();
                queue.offer(new Failed(
                        new UncheckedIOException(new InterruptedIOException("event stream reader interrupted"))));
            }
        }
    }
}
