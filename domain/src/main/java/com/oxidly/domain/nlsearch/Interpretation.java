package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.CustomerQuery;
import java.util.List;
import java.util.Objects;

/**
 * How a search sentence was read.
 *
 * @param query the conditions, as a customer query tree ({@code all} when none were found)
 * @param readable the query as a sentence to show back ("city is new york and spent last month >
 *     500")
 * @param ignored words that were not understood, as typed, in sentence order; shown to the user
 *     ("ignored: 'loyal'"), never silently dropped
 * @param freeText descriptive phrases that are not conditions ("complained about late delivery"),
 *     for relevance ranking over reviews and tickets
 */
public record Interpretation(
    CustomerQuery query, String readable, List<String> ignored, List<String> freeText) {

  public Interpretation {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(readable, "readable");
    ignored = ignored == null ? List.of() : List.copyOf(ignored);
    freeText = freeText == null ? List.of() : List.copyOf(freeText);
  }
}
