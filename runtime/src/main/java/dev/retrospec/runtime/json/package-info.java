/** Moshi adapters for the Java types that OpenAPI formats map to. */
@NullMarked
package dev.retrospec.runtime.json;

import org.jspecify.annotations.NullMarked;
