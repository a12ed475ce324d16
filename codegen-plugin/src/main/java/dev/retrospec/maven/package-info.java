/** The Maven plugin: thin Mojos that turn parameters into a request, run the generator and write its output. */
@NullMarked
package dev.retrospec.maven;

import org.jspecify.annotations.NullMarked;
