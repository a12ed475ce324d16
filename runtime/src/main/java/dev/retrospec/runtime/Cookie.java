package dev.retrospec.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A cookie parameter: on a {@code @Header("Cookie")} parameter, the value goes out as {@code name=value}.
 * Retrofit has no cookie parameters; {@link ParameterConverters} writes them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Cookie {
    String value();
}
