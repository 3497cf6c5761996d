package com.oxidly.domain.journey;

/** No journey (or version) with that id. */
public class JourneyNotFoundException extends RuntimeException {

  public JourneyNotFoundException(long id) {
    super("no journey " + id);
  }
}
