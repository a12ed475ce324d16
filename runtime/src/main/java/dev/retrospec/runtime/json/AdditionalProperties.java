package dev.retrospec.runtime.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record's {@code Map<String, V>} component: the JSON object's names the record does not declare go there,
 * and are written back beside the declared ones ({@code additionalProperties} next to {@code properties}).
 * {@link StandardJsonAdapters#FACTORY} reads and writes such records.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface AdditionalProperties {}
