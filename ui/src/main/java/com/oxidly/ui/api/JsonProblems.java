package com.oxidly.ui.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a request body Jackson could not read, in the client's terms: a JSON path
 * and the problem, never Java class names. Tree nodes validate themselves in their constructors and
 * Jackson wraps what they throw, so a node's own message is dug out first.
 */
final class JsonProblems {

  private JsonProblems() {}

  // A Java name like com.oxidly.domain.query.CustomerQuery$Field, as Jackson messages quote them.
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*\\$)*([A-Z][A-Za-z0-9_]*)");

  static String describe(Throwable e, String fallback) {
    JacksonException jackson = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
        return at(jackson) + invalid.getMessage();
      }
      if (cause instanceof NullPointerException missing && missing.getMessage() != null) {
        // Objects.requireNonNull(x, "field") in a node: a required part was left out.
        String message = missing.getMessage();
        return at(jackson) + (message.contains(" ") ? message : "'" + message + "' is required");
      }
      if (cause instanceof JacksonException found) {
        jackson = found;
      }
    }
    if (jackson == null) {
      return fallback;
    }
    return at(jackson) + jacksonProblem(jackson);
  }

  private static String jacksonProblem(JacksonException e) {
    return switch (e) {
      case InvalidTypeIdException typeId -> typeIdProblem(typeId);
      case UnrecognizedPropertyException unknown ->
          "unknown property '"
              + unknown.getPropertyName()
              + "'; expected one of "
              + unknown.getKnownPropertyIds();
      case InvalidFormatException format -> "'" + format.getValue() + "' is not a valid value here";
      case MismatchedInputException mismatched ->
          mismatched.getTargetType() == null
              ? withoutClassNames(mismatched.getOriginalMessage())
              : "expected " + expected(mismatched.getTargetType()) + " here";
      case StreamReadException malformed ->
          "malformed JSON: " + withoutClassNames(malformed.getOriginalMessage());
      default -> withoutClassNames(e.getOriginalMessage());
    };
  }

  private static String typeIdProblem(InvalidTypeIdException e) {
    Class<?> base = e.getBaseType() == null ? null : e.getBaseType().getRawClass();
    JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
    JsonSubTypes subtypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
    if (info == null || subtypes == null) {
      return withoutClassNames(e.getOriginalMessage());
    }
    String names =
        Arrays.stream(subtypes.value())
            .map(JsonSubTypes.Type::name)
            .collect(Collectors.joining(", "));
    return e.getTypeId() == null
        ? "'" + info.property() + "' is missing; it must be one of " + names
        : "unknown " + info.property() + " '" + e.getTypeId() + "'; expected one of " + names;
  }

  private static String expected(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    }
    if (type == String.class || type.isEnum()) {
      return "a text";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return "an object";
  }

  /** Where in the body the problem is, as a JSON path: {@code query.all[1].comparison: }. */
  private static String at(JacksonException e) {
    if (e == null || e.getPath().isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "" : "at " + path + ": ";
  }

  private static String withoutClassNames(String message) {
    if (message == null) {
      return "the request body could not be read";
    }
    return QUALIFIED_NAME.matcher(message).replaceAll("$2").replace("`", "'");
  }
}
