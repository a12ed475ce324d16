package dev.retrospec.runtime;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Callback;
import retrofit2.Invocation;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * The call style that throws: a typed {@link ApiException} for every unsuccessful response, its
 * {@link ApiException#errorBody()} decoded as the operation's {@link ErrorType} for that status says, with the
 * client's Moshi.
 *
 * <pre>{@code
 * ApiCalls calls = ApiCalls.create(client.moshi());
 * try {
 *     Device device = calls.bodyOrThrow(client.devices().getDevice("dev-1"));
 * } catch (NotFoundException e) {
 *     Problem problem = e.errorBody(Problem.class);
 * }
 * }</pre>
 */
public final class ApiCalls {
    private final Moshi moshi;
    private final Map<String, Class<?>> errorTypes;

    private ApiCalls(Moshi moshi, Map<String, Class<?>> errorTypes) {
        this.moshi = moshi;
        this.errorTypes = Map.copyOf(errorTypes);
    }

    public static ApiCalls create(Moshi moshi) {
        return create(moshi, Map.of());
    }

    /**
     * Calls whose error bodies decode to {@code errorTypes} by status ({@code "404"}, {@code "4XX"}, {@code "default"})
     * where the operation's own {@link ErrorType}s do not say: generated clients pass the types most of their
     * operations share, and mark only the operations that differ.
     */
    public static ApiCalls create(Moshi moshi, Map<String, Class<?>> errorTypes) {
        return new ApiCalls(
                Objects.requireNonNull(moshi, "moshi == null"),
                Objects.requireNonNull(errorTypes, "errorTypes == null"));
    }

    /**
     * Executes the call and returns its body (null only for an operation without one, such as {@code Call<Void>}).
     *
     * @throws ApiException (a subclass by status) if the response is not a success
     * @throws IOException if there was no response
     */
    public <T extends @Nullable Object> T bodyOrThrow(Call<T> call) throws IOException {
        return bodyOrThrow(call.execute());
    }

    /**
     * The body of a successful response.
     *
     * @throws ApiException (a subclass by status) if the response is not a success
     */
    @SuppressWarnings("NullAway") // Retrofit's body is null only for 204 and 205, where T is Void
    public <T extends @Nullable Object> T bodyOrThrow(Response<T> response) {
        if (!response.isSuccessful()) {
            throw exception(response);
        }
        return response.body();
    }

    /** The exception for an unsuccessful response, with the error body type its operation declares for the status. */
    public ApiException exception(Response<?> response) {
        return ApiException.from(
                response, errorAdapter(response.raw().request().tag(Invocation.class), response.code()));
    }

    /**
     * A Retrofit call adapter factory for interfaces whose methods return the body itself ({@code Device get(...)}),
     * which throws as {@link #bodyOrThrow(Call)} does (with {@link UncheckedIOException} for I/O failures),
     * {@code CompletableFuture<Device>}, which completes exceptionally the same way, or {@code Response<Device>},
     * which executes and returns the response as it is. {@code Call<T>} and {@code CompletableFuture<Response<T>>}
     * are left to Retrofit. Add it after any other call adapter factory: it takes every other return type.
     */
    public CallAdapter.Factory callAdapterFactory() {
        return new Factory();
    }

    private @Nullable JsonAdapter<?> errorAdapter(@Nullable Invocation invocation, int code) {
        // The operation's own types first; the client's where none of them applies.
        Class<?> best = null;
        int bestRank = 0;
        if (invocation != null) {
            for (ErrorType type : invocation.method().getAnnotationsByType(ErrorType.class)) {
                int rank = rank(type.status(), code);
                if (rank > bestRank) {
                    best = type.type();
                    bestRank = rank;
                }
            }
        }
        if (best == null) {
            for (Map.Entry<String, Class<?>> type : errorTypes.entrySet()) {
                int rank = rank(type.getKey(), code);
                if (rank > bestRank) {
                    best = type.getValue();
                    bestRank = rank;
                }
            }
        }
        return best == null ? null : moshi.adapter(best);
    }

    /** 3 for the status itself, 2 for its class ({@code 4XX}), 1 for {@code default}, 0 if it does not apply. */
    private static int rank(String status, int code) {
        if (status.equals(Integer.toString(code))) {
            return 3;
        }
        if (status.length() == 3
                && status.charAt(0) == (char) ('0' + code / 100)
                && (status.endsWith("XX") || status.endsWith("xx"))) {
            return 2;
        }
        return status.equals("default") ? 1 : 0;
    }

    private final class Factory extends CallAdapter.Factory {
        @Override
        public @Nullable CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
            Class<?> raw = getRawType(returnType);
            if (raw == Call.class) {
                return null;
            }
            if (raw == CompletableFuture.class || raw == Response.class) {
                if (!(returnType instanceof ParameterizedType parameterized)) {
                    throw new IllegalArgumentException(raw.getSimpleName() + " return type must be parameterized as "
                            + raw.getSimpleName() + "<Foo> or " + raw.getSimpleName() + "<? extends Foo>");
                }
                Type inner = getParameterUpperBound(0, parameterized);
                if (raw == Response.class) {
                    return new ResponseAdapter<>(inner);
                }
                return getRawType(inner) == Response.class ? null : new FutureAdapter<>(inner);
            }
            return new BodyAdapter<>(returnType);
        }
    }

    /** A call adapter for one body type. */
    private abstract static class Adapter<R extends @Nullable Object, T> implements CallAdapter<R, T> {
        private final Type type;

        Adapter(Type type) {
            this.type = type;
        }

        @Override
        public final Type responseType() {
            return type;
        }
    }

    private final class BodyAdapter<T extends @Nullable Object> extends Adapter<T, T> {
        BodyAdapter(Type type) {
            super(type);
        }

        @Override
        public T adapt(Call<T> call) {
            try {
                return bodyOrThrow(call);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class ResponseAdapter<T> extends Adapter<T, Response<T>> {
        ResponseAdapter(Type type) {
            super(type);
        }

        @Override
        public Response<T> adapt(Call<T> call) {
            try {
                return call.execute();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final class FutureAdapter<T> extends Adapter<T, CompletableFuture<T>> {
        FutureAdapter(Type type) {
            super(type);
        }

        @Override
        public CompletableFuture<T> adapt(Call<T> call) {
            CompletableFuture<T> future = new CompletableFuture<>() {
                @Override
                public boolean cancel(boolean mayInterruptIfRunning) {
                    call.cancel();
                    return super.cancel(mayInterruptIfRunning);
                }
            };
            call.enqueue(new Callback<T>() {
                @Override
                public void onResponse(Call<T> call, Response<T> response) {
                    if (response.isSuccessful()) {
                        future.complete(response.body());
                    } else {
                        future.completeExceptionally(exception(response));
                    }
                }

                @Override
                public void onFailure(Call<T> call, Throwable t) {
                    future.completeExceptionally(t);
                }
            });
            return future;
        }
    }
}
