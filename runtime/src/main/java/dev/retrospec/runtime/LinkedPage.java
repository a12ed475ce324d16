package dev.retrospec.runtime;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.Timeout;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Converter;
import retrofit2.Invocation;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * The page at a {@code Link} URL, as a Retrofit call: the first page's request (its operation, headers and tags, so
 * credentials, retries and error types apply as they did to it) sent to the new URL through the Retrofit's call
 * factory, the body read with the Retrofit's converter for the first page's type.
 */
final class LinkedPage<P> implements Call<P> {
    private final Retrofit retrofit;
    private final Request request;
    private final Converter<ResponseBody, P> converter;
    private okhttp3.@Nullable Call call;

    private LinkedPage(Retrofit retrofit, Request request, Converter<ResponseBody, P> converter) {
        this.retrofit = retrofit;
        this.request = request;
        this.converter = converter;
    }

    /** Calls for the pages after {@code first}, by their URL. */
    static <P> java.util.function.Function<String, Call<P>> after(Retrofit retrofit, Call<P> first) {
        Request template = first.request();
        Invocation invocation = template.tag(Invocation.class);
        if (invocation == null || !(invocation.method().getGenericReturnType() instanceof ParameterizedType returned)) {
            throw new IllegalArgumentException("not a call of a Retrofit method returning Call<P>");
        }
        Type page = returned.getActualTypeArguments()[0];
        Converter<ResponseBody, P> converter = retrofit.responseBodyConverter(page, new Annotation[0]);
        return url -> new LinkedPage<>(
                retrofit, template.newBuilder().url(Objects.requireNonNull(url)).build(), converter);
    }

    private synchronized okhttp3.Call raw() {
        if (call == null) {
            call = retrofit.callFactory().newCall(request);
        }
        return call;
    }

    @Override
    public Response<P> execute() throws IOException {
        okhttp3.Response raw = raw().execute();
        ResponseBody body = Objects.requireNonNull(raw.body());
        if (!raw.isSuccessful()) {
            try (body) {
                ResponseBody copy = ResponseBody.create(body.bytes(), body.contentType());
                return Response.error(copy, raw);
            }
        }
        try (body) {
            return Response.success(converter.convert(body), raw);
        }
    }

    @Override
    public void enqueue(Callback<P> callback) {
        throw new UnsupportedOperationException("a linked page is fetched by Pages, synchronously");
    }

    @Override
    public synchronized boolean isExecuted() {
        return call != null && call.isExecuted();
    }

    @Override
    public void cancel() {
        raw().cancel();
    }

    @Override
    public boolean isCanceled() {
        return raw().isCanceled();
    }

    @Override
    public Call<P> clone() {
        return new LinkedPage<>(retrofit, request, converter);
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Timeout timeout() {
        return raw().timeout();
    }
}
