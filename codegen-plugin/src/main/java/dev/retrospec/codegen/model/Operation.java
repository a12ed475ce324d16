package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP operation as a Java method.
 *
 * @param path relative to the base URL, without a leading slash, with {@code {name}} placeholders
 * @param security the security schemes the operation accepts, or null if it uses the API's default
 */
public record Operation(
    String operationId,
    String javaName,
    String method,
    String path,
    String pointer,
    @Nullable String summary,
    @Nullable String description,
    boolean deprecated,
    List<Parameter> parameters,
    @Nullable Body body,
    Response success,
    List<Response> errors,
    @Nullable List<String> security) {
  public Operation {
    parameters = List.copyOf(parameters);
    errors = List.copyOf(errors);
    security = security == null ? null : List.copyOf(security);
  }

  /** Where a parameter goes. */
  public enum Location {
    PATH,
    QUERY,
    HEADER,
    COOKIE
  }

  public record Parameter(
      String wireName,
      String javaName,
      Location location,
      TypeRef type,
      boolean required,
      @Nullable String description,
      boolean deprecated) {}

  /** How a request body is encoded. */
  public enum BodyKind {
    JSON,
    FORM,
    MULTIPART,
    BINARY,
    TEXT
  }

  /**
   * A request body: one value for JSON, binary and text bodies, or one field per property for form and multipart
   * bodies.
   */
  public record Body(
      BodyKind kind,
      String mediaType,
      boolean required,
      @Nullable TypeRef type,
      List<Field> fields,
      String javaName,
      @Nullable String description) {
    public Body {
      fields = List.copyOf(fields);
    }
  }

  /** A field of a form or multipart body. */
  public record Field(String wireName, String javaName, TypeRef type, boolean required, @Nullable String description) {}

  /**
   * A response: its status ({@code 200}, {@code 4XX}, {@code default}), its body type (null for none) and media
   * type.
   */
  public record Response(String status, @Nullable TypeRef type, @Nullable String mediaType,
      @Nullable String description) {}
}
