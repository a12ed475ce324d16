/** Reads OpenAPI descriptions with swagger-parser and says where each problem is: file, line, JSON pointer. */
@NullMarked
package dev.retrospec.codegen.load;

import org.jspecify.annotations.NullMarked;
