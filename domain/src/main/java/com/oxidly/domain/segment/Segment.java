package com.oxidly.domain.segment;

import com.oxidly.domain.query.CustomerQuery;
import java.time.Instant;

/**
 * A named segment.
 *
 * @param key the name customer queries use for it ({@code {"type":"segment","segment":key}}) and
 *     the value stored in {@code customers.segments}: lower-case words separated by single spaces,
 *     e.g. {@code high value}; never changes
 * @param name the display name
 * @param description what it is for
 * @param kind dynamic (a query) or static (a list kept by hand)
 * @param definition the query of a dynamic segment; null for a static one
 * @param builtIn shipped with Oxidly: its definition may be edited, it cannot be deleted
 */
public record Segment(
    String key,
    String name,
    String description,
    SegmentKind kind,
    CustomerQuery definition,
    boolean builtIn,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy) {

  /** Whether membership can change without any customer changing (time or ranks). */
  public boolean isVolatile() {
    return definition != null && CustomerQuery.isVolatile(definition);
  }
}
