package com.oxidly.domain.importing;

/**
 * A cell that does not satisfy the format; the message is the reason shown to the user. Thrown and
 * caught for every bad cell, so it skips the stack trace.
 */
public final class InvalidValue extends IllegalArgumentException {

  public InvalidValue(String reason) {
    super(reason);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
