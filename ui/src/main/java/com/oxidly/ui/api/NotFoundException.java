package com.oxidly.ui.api;

/** Answered as 404 problem+json. */
class NotFoundException extends RuntimeException {
  NotFoundException(String message) {
    super(message);
  }
}
