package com.oxidly.ui.views.customers;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Serves a lazy list any range of the customers ranked by what they wrote ({@link
 * CustomerSearch#relevant}). Relevance is paged by page number, and only through the first {@value
 * CustomerSearch#MAX_RESULT_WINDOW}: a range is read as the aligned pages that cover it, of a size
 * that divides that window, so no page ever reaches past it.
 */
final class RankedPages {

  /** Page sizes that divide {@link CustomerSearch#MAX_RESULT_WINDOW}, largest first. */
  private static final int[] SIZES = {1_000, 500, 250, 200, 100, 50, 25, 20, 10, 5, 4, 2, 1};

  private RankedPages() {}

  /** How many ranked customers a list can show: all that match, up to the window. */
  static int listable(CustomerSearch search, CustomerQuery query, List<String> phrases) {
    return (int) Math.min(total(search, query, phrases), CustomerSearch.MAX_RESULT_WINDOW);
  }

  /** How many customers match {@code query} and mention the phrases. */
  static long total(CustomerSearch search, CustomerQuery query, List<String> phrases) {
    return search.relevant(query, phrases, 0, 1).total();
  }

  /**
   * The ids at ranks {@code offset .. offset + limit - 1}, most relevant first; fewer when the
   * results or the window end first.
   */
  static List<UUID> ids(
      CustomerSearch search, CustomerQuery query, List<String> phrases, long offset, int limit) {
    long end = Math.min(offset + limit, CustomerSearch.MAX_RESULT_WINDOW);
    if (offset >= end) {
      return List.of();
    }
    int size = SIZES[SIZES.length - 1];
    for (int candidate : SIZES) {
      if (candidate <= limit) {
        size = candidate;
        break;
      }
    }
    List<UUID> ids = new ArrayList<>(limit);
    for (int page = (int) (offset / size); (long) page * size < end; page++) {
      List<UUID> found = search.relevant(query, phrases, page, size).ids();
      long first = (long) page * size;
      for (int i = 0; i < found.size(); i++) {
        if (first + i >= offset && first + i < end) {
          ids.add(found.get(i));
        }
      }
      if (found.size() < size) {
        break;
      }
    }
    return ids;
  }
}
