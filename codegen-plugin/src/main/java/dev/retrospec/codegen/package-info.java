/** The generator: {@code load -> model -> emit}, driven by {@link dev.retrospec.codegen.Generator}. */
@NullMarked
package dev.retrospec.codegen;

import org.jspecify.annotations.NullMarked;
