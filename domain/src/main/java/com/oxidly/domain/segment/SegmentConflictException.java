package com.oxidly.domain.segment;

/** A change that contradicts the stored segments: a key or name taken, a built-in deleted. */
public class SegmentConflictException extends RuntimeException {

  SegmentConflictException(String message) {
    super(message);
  }
}
