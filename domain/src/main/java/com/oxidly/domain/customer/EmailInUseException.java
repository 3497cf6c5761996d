package com.oxidly.domain.customer;

import java.util.UUID;

/** Another customer already has the email address: emails are the customers' natural key. */
public class EmailInUseException extends RuntimeException {

  private final UUID existingCustomer;

  public EmailInUseException(String email, UUID existingCustomer) {
    super("email " + email + " already belongs to customer " + existingCustomer);
    this.existingCustomer = existingCustomer;
  }

  public UUID existingCustomer() {
    return existingCustomer;
  }
}
