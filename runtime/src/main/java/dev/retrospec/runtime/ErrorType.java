package dev.retrospec.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type of an operation's error body for a status, as the description declares it: {@code "404"}, a class of
 * statuses {@code "4XX"}, or {@code "default"}. The most specific one that matches applies. Generated interfaces put
 * one per declared error response on each operation; {@link ApiCalls} reads them through Retrofit's
 * {@code Invocation} tag to decode {@link ApiException#errorBody()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ErrorType.List.class)
public @interface ErrorType {
    /** The status, status class or {@code default}, as the description's response key. */
    String status();

    /** The class the body decodes to with the client's Moshi. */
    Class<?> type();

    /** Several {@link ErrorType}s on one operation. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ErrorType[] value();
    }
}
