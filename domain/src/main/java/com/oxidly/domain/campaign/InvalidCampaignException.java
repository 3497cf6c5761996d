package com.oxidly.domain.campaign;

import com.oxidly.domain.customer.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A campaign refused because of its fields; nothing was written. Thrown with {@code whenScheduling}
 * when a draft is complete enough to store but not to send (the API answers 422 then, 400 else).
 */
public class InvalidCampaignException extends RuntimeException {

  private final List<FieldError> errors;
  private final boolean whenScheduling;

  public InvalidCampaignException(List<FieldError> errors, boolean whenScheduling) {
    super(
        errors.stream()
            .map(error -> error.field() + ": " + error.message())
            .collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
    this.whenScheduling = whenScheduling;
  }

  /** One entry per problem, naming the field ({@code template}, {@code audience.segment}...). */
  public List<FieldError> errors() {
    return errors;
  }

  public boolean whenScheduling() {
    return whenScheduling;
  }
}
