package dev.retrospec.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation takes an idempotency key in the named header: {@link Retries} sends a fresh random UUID there when
 * the caller gave none, the same one on every retry of the call, and so may retry it even if its method is POST or
 * PATCH. Generated interfaces put it on operations whose description declares such a header, beside a parameter
 * {@code @Header("Idempotency-Key") @Nullable String idempotencyKey} that lets the caller choose the key (Retrofit
 * leaves a null header out).
 *
 * <p>{@link Retries} reads it through Retrofit's {@code Invocation} tag.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdempotencyKey {
    /** The header's name. */
    String value() default "Idempotency-Key";
}
