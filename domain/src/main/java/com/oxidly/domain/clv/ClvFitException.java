package com.oxidly.domain.clv;

/** The models cannot be fitted on the orders there are (too few customers or repeat purchases). */
public class ClvFitException extends RuntimeException {
  ClvFitException(String message) {
    super(message);
  }
}
