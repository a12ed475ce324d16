package dev.retrospec.runtime.auth;

import java.util.List;
import okhttp3.Interceptor;
import okhttp3.logging.HttpLoggingInterceptor;

/** Tells OkHttp's logging interceptors, where the application has any, to redact a header or a query parameter. */
final class LoggingRedaction {
    private static final boolean PRESENT = present();

    private LoggingRedaction() {}

    static void redact(List<Interceptor> interceptors, String header) {
        if (!PRESENT) {
            return;
        }
        for (Interceptor interceptor : interceptors) {
            if (interceptor instanceof HttpLoggingInterceptor logging) {
                logging.redactHeader(header);
            }
        }
    }

    static void redactQueryParameter(List<Interceptor> interceptors, String name) {
        if (!PRESENT) {
            return;
        }
        for (Interceptor interceptor : interceptors) {
            if (interceptor instanceof HttpLoggingInterceptor logging) {
                logging.redactQueryParams(name);
            }
        }
    }

    /** logging-interceptor is an optional dependency: the application may not have it. */
    private static boolean present() {
        try {
            Class.forName("okhttp3.logging.HttpLoggingInterceptor", false, LoggingRedaction.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
