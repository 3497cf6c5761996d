package com.oxidly.domain.segment;

import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds {@link Segments} for tests of other packages (its constructor is for Spring). */
public final class SegmentsTestAccess {

  private SegmentsTestAccess() {}

  public static Segments segments(
      JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    return new Segments(jdbc, transactions, clock);
  }
}
