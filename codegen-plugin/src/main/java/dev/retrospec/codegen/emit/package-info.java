/** Pure functions from the model to JavaPoet files: no I/O, no Maven. */
@NullMarked
package dev.retrospec.codegen.emit;

import org.jspecify.annotations.NullMarked;
