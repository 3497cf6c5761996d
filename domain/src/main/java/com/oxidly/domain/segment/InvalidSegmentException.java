package com.oxidly.domain.segment;

import com.oxidly.domain.customer.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** A segment create or change refused because of its fields; nothing was written. */
public class InvalidSegmentException extends RuntimeException {

  private final List<FieldError> errors;

  InvalidSegmentException(List<FieldError> errors) {
    super(
        errors.stream()
            .map(error -> error.field() + " " + error.message())
            .collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  /** One entry per bad field. */
  public List<FieldError> errors() {
    return errors;
  }
}
