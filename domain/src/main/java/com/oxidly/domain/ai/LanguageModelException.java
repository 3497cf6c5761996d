package com.oxidly.domain.ai;

/** The model gave no usable answer; callers fall back to their local implementation. */
public class LanguageModelException extends RuntimeException {

  public LanguageModelException(String message) {
    super(message);
  }

  public LanguageModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
