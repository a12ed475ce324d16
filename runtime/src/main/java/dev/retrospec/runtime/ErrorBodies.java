package dev.retrospec.runtime;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.reflect.Type;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/** Reads the body of an unsuccessful Retrofit response as the error type the description declares. */
public final class ErrorBodies {
    private ErrorBodies() {}

    /**
     * The error body as {@code type}, or null if the response was successful or has no body.
     *
     * @throws IOException if the body cannot be read or is not JSON of that shape
     */
    public static <T> @Nullable T read(Moshi moshi, Response<?> response, Class<T> type) throws IOException {
        return type.cast(read(moshi, response, (Type) type));
    }

    /**
     * The error body as {@code type} (a generic type such as a list), or null if the response was successful or has
     * no body.
     *
     * @throws IOException if the body cannot be read or is not JSON of that shape
     */
    public static @Nullable Object read(Moshi moshi, Response<?> response, Type type) throws IOException {
        if (response.isSuccessful()) {
            return null;
        }
        try (ResponseBody body = response.errorBody()) {
            if (body == null || body.contentLength() == 0) {
                return null;
            }
            try {
                return moshi.adapter(type).fromJson(body.source());
            } catch (JsonDataException | JsonEncodingException e) {
                throw new IOException(
                        "HTTP " + response.code() + " error body is not the declared " + type.getTypeName() + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }
}
