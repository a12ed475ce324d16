/**
 * Retrospec's own immutable model of an API: services, operations, types and security schemes, with every Java
 * name decided here, once. Nothing of swagger-parser leaks past this package; nothing of JavaPoet or Maven is in it.
 */
@NullMarked
package dev.retrospec.codegen.model;

import org.jspecify.annotations.NullMarked;
