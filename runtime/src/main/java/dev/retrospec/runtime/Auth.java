package dev.retrospec.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The security schemes an operation accepts, by their name in the OpenAPI description; an empty list means the
 * operation is public and carries no credentials. Generated interfaces put it on operations whose security differs
 * from the description's default; an operation without it gets every configured scheme.
 *
 * <p>{@link dev.retrospec.runtime.auth.BearerAuth} reads it through Retrofit's {@code Invocation} tag.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Auth {
    String[] value();
}
