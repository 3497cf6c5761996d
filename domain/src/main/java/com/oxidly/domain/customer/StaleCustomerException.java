package com.oxidly.domain.customer;

/**
 * A change based on an older version of the customer than the stored one: someone else (an editor,
 * an import, an order) changed it meanwhile. Nothing was written.
 */
public class StaleCustomerException extends RuntimeException {

  private final int currentVersion;

  public StaleCustomerException(int expectedVersion, int currentVersion) {
    super(
        "the customer changed since version "
            + expectedVersion
            + "; it is now at version "
            + currentVersion
            + ". Read it again and reapply the change.");
    this.currentVersion = currentVersion;
  }

  public int currentVersion() {
    return currentVersion;
  }
}
