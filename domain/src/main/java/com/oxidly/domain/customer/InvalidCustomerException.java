package com.oxidly.domain.customer;

import java.util.List;
import java.util.stream.Collectors;

/** A create or change refused because of its fields; nothing was written. */
public class InvalidCustomerException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidCustomerException(List<FieldError> errors) {
    super(
        errors.stream()
            .map(error -> error.field() + " " + error.message())
            .collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  /** One entry per bad field, in the order of the customer's properties. */
  public List<FieldError> errors() {
    return errors;
  }
}
