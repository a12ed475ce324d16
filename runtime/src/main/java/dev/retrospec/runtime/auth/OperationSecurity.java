package dev.retrospec.runtime.auth;

import dev.retrospec.runtime.Auth;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Invocation;

/** Whether a request should carry one scheme's credentials: its origin, and its operation's {@link Auth}. */
final class OperationSecurity {
    private OperationSecurity() {}

    static boolean allowedOrigin(List<HttpUrl> origins, HttpUrl url) {
        for (int i = 0; i < origins.size(); i++) {
            HttpUrl origin = origins.get(i);
            if (origin.port() == url.port()
                    && origin.host().equals(url.host())
                    && origin.scheme().equals(url.scheme())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the operation behind {@code request} accepts {@code schemeName}: yes without {@link Auth} (the
     * description's default), or if its {@link Auth} lists it (any scheme, when {@code schemeName} is null).
     */
    static boolean operationAccepts(Request request, @Nullable String schemeName) {
        Invocation invocation = request.tag(Invocation.class);
        if (invocation == null) {
            return true;
        }
        Auth auth = invocation.method().getAnnotation(Auth.class);
        if (auth == null) {
            return true;
        }
        for (String scheme : auth.value()) {
            if (schemeName == null || schemeName.equals(scheme)) {
                return true;
            }
        }
        return false;
    }
}
