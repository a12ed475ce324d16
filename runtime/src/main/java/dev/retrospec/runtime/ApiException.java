package dev.retrospec.runtime;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * An HTTP response that is not a success, as an exception: its status, headers and body (the first
 * {@value #MAX_BODY_BYTES} bytes), and the body decoded as the error type the description declares for that status,
 * on first use. Subclasses name the statuses callers most often handle; {@link #from(Response, JsonAdapter)} picks
 * the one that fits.
 *
 * <p>The message says the status and the request's method and URL without its query (where an API key may travel);
 * neither it nor {@link #toString()} ever includes a header or the body. Credentials are request headers: they are
 * not kept at all.
 */
public sealed class ApiException extends RuntimeException
        permits BadRequestException,
                UnauthorizedException,
                ForbiddenException,
                NotFoundException,
                ConflictException,
                UnprocessableEntityException,
                RateLimitException,
                ServerException {
    /** The most of an error body kept; the rest is discarded and {@link #bodyTruncated()} says so. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    private final int code;
    private final transient Headers headers;
    private final byte[] body;
    private final boolean truncated;
    private final transient @Nullable MediaType contentType;
    private final transient @Nullable JsonAdapter<?> errorAdapter;
    private transient @Nullable Object decoded;
    private transient boolean decodedOnce;

    /** What every subclass is made of; read once from the response. */
    record Parts(
            int code,
            String message,
            Headers headers,
            byte[] body,
            boolean truncated,
            @Nullable MediaType contentType,
            @Nullable JsonAdapter<?> errorAdapter,
            @Nullable IOException readFailure) {}

    ApiException(Parts parts) {
        super(parts.message());
        this.code = parts.code();
        this.headers = parts.headers();
        this.body = parts.body();
        this.truncated = parts.truncated();
        this.contentType = parts.contentType();
        this.errorAdapter = parts.errorAdapter();
        if (parts.readFailure() != null) {
            addSuppressed(parts.readFailure());
        }
    }

    /** The exception for an unsuccessful Retrofit response, its body kept raw (see {@link #decodeBody}). */
    public static ApiException from(Response<?> response) {
        return from(response, null);
    }

    /**
     * The exception for an unsuccessful Retrofit response, of the subclass its status calls for, whose
     * {@link #errorBody()} decodes the body with {@code errorAdapter}. Reads and closes the error body.
     *
     * @throws IllegalArgumentException if the response is successful
     */
    public static ApiException from(Response<?> response, @Nullable JsonAdapter<?> errorAdapter) {
        Objects.requireNonNull(response, "response == null");
        return from(response.raw(), response.errorBody(), errorAdapter);
    }

    /** The exception for an unsuccessful OkHttp response whose body is {@code body}, which it reads and closes. */
    static ApiException from(okhttp3.Response raw, @Nullable ResponseBody body, @Nullable JsonAdapter<?> adapter) {
        if (raw.isSuccessful()) {
            throw new IllegalArgumentException("not an error: HTTP " + raw.code());
        }
        byte[] bytes = EMPTY;
        boolean truncated = false;
        IOException failure = null;
        MediaType contentType = null;
        if (body != null) {
            contentType = body.contentType();
            try (body) {
                BufferedSource source = body.source();
                truncated = source.request(MAX_BODY_BYTES + 1L);
                Buffer buffer = source.getBuffer();
                bytes = buffer.readByteArray(Math.min(buffer.size(), MAX_BODY_BYTES));
            } catch (IOException e) {
                failure = e;
            }
        }
        Parts parts =
                new Parts(raw.code(), message(raw), raw.headers(), bytes, truncated, contentType, adapter, failure);
        int code = raw.code();
        return switch (code) {
            case 400 -> new BadRequestException(parts);
            case 401 -> new UnauthorizedException(parts);
            case 403 -> new ForbiddenException(parts);
            case 404 -> new NotFoundException(parts);
            case 409 -> new ConflictException(parts);
            case 422 -> new UnprocessableEntityException(parts);
            case 429 -> new RateLimitException(parts);
            default -> code >= 500 && code <= 599 ? new ServerException(parts) : new ApiException(parts);
        };
    }

    private static String message(okhttp3.Response raw) {
        Request request = raw.request();
        HttpUrl url = request.url()
                .newBuilder()
                .username("")
                .password("")
                .query(null)
                .fragment(null)
                .build();
        String reason = raw.message().isEmpty() ? "" : " " + raw.message();
        return "HTTP " + raw.code() + reason + " (" + request.method() + " " + url + ")";
    }

    /** The HTTP status code. */
    public int code() {
        return code;
    }

    /** The response's headers. */
    public Headers headers() {
        return headers;
    }

    /** The body as received, at most {@value #MAX_BODY_BYTES} bytes; empty if there was none. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as text, in the charset its content type names (UTF-8 if none). */
    public String bodyString() {
        Charset charset = contentType == null ? null : contentType.charset(StandardCharsets.UTF_8);
        return new String(body, charset == null ? StandardCharsets.UTF_8 : charset);
    }

    /** Whether the body was longer than {@value #MAX_BODY_BYTES} bytes and only its start is kept. */
    public boolean bodyTruncated() {
        return truncated;
    }

    public @Nullable MediaType contentType() {
        return contentType;
    }

    /**
     * The body decoded as the error type the description declares for this status, on first call: null if none is
     * declared, the body is empty, or it is not JSON of that type (the raw {@link #body()} stays available).
     */
    public synchronized @Nullable Object errorBody() {
        if (!decodedOnce) {
            decodedOnce = true;
            if (errorAdapter != null && body.length > 0 && !truncated) {
                try {
                    decoded = decodeBody(errorAdapter);
                } catch (IOException | JsonDataException notThatType) {
                    decoded = null;
                }
            }
        }
        return decoded;
    }

    /** {@link #errorBody()} if it is a {@code type}, else null: {@code e.errorBody(Problem.class)}. */
    public <E> @Nullable E errorBody(Class<E> type) {
        Object value = errorBody();
        return type.isInstance(value) ? type.cast(value) : null;
    }

    /**
     * The body decoded with {@code adapter}, whatever the description says; null for an empty body.
     *
     * @throws IOException if the body is not JSON
     * @throws JsonDataException if it is JSON of another shape
     */
    public <E> @Nullable E decodeBody(JsonAdapter<E> adapter) throws IOException {
        if (body.length == 0) {
            return null;
        }
        return adapter.fromJson(new Buffer().write(body));
    }
}
