package com.oxidly.ui.views.customers;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.search.CustomerSearch.CursorPage;
import com.oxidly.domain.search.CustomerSearch.SortField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Serves a lazy list any range of a customer search by offset, however deep: a user dragging the
 * scrollbar of a million-customer list lands anywhere.
 *
 * <p>Within the first {@code window} results it pages by offset (from/size). Beyond, Elasticsearch
 * refuses offsets, so it continues with {@code search_after} cursors: it remembers the cursor at
 * every page boundary it has seen, and for a far jump walks forward from the nearest remembered
 * cursor before the target, in steps of {@code window} that fetch only sort values. Scrolling on
 * from where the list is costs one request per page; a jump costs about (distance / window) more.
 *
 * <p>One per list: not thread-safe (a view's data provider runs under its session lock). The
 * remembered cursors are forgotten when the query or sort changes. They are positions in the index
 * as it was: if customers are added or removed meanwhile, a deep page may be off by as many, which
 * a list refresh (a new sort, or reopening the view) corrects.
 */
final class CustomerPager {

  /** Cursors remembered at most (a few hundred bytes each); past that the memory starts over. */
  static final int MEMORY = 10_000;

  private final CustomerSearch search;
  private final int window;
  private final NavigableMap<Long, String> cursors = new TreeMap<>();
  private CustomerQuery query;
  private List<SortField> sort;

  CustomerPager(CustomerSearch search) {
    this(search, CustomerSearch.MAX_RESULT_WINDOW);
  }

  /**
   * @param window how deep offset paging may go, at most {@link CustomerSearch#MAX_RESULT_WINDOW};
   *     smaller in tests, to exercise the cursor path on a small store
   */
  CustomerPager(CustomerSearch search, int window) {
    if (window < 1 || window > CustomerSearch.MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException(
          "window must be between 1 and " + CustomerSearch.MAX_RESULT_WINDOW + ", was " + window);
    }
    this.search = search;
    this.window = window;
  }

  /** How many customers match, exactly. */
  long count(CustomerQuery query) {
    return search.count(query);
  }

  /**
   * The ids of the customers at positions {@code offset .. offset + limit - 1} of the search, in
   * order; fewer when the results end first.
   */
  List<UUID> ids(CustomerQuery query, List<SortField> sort, long offset, int limit) {
    if (!query.equals(this.query) || !sort.equals(this.sort)) {
      cursors.clear();
      this.query = query;
      this.sort = List.copyOf(sort);
    }
    List<UUID> ids = new ArrayList<>(Math.min(limit, CustomerSearch.MAX_PAGE_SIZE));
    long at = offset;
    while (ids.size() < limit) {
      int size = Math.min(limit - ids.size(), CustomerSearch.MAX_PAGE_SIZE);
      CursorPage page;
      if (at + size <= window) {
        page = search.pageAt(query, sort, (int) at, size);
      } else if (at == 0) {
        page = search.page(query, sort, null, size);
      } else {
        Optional<String> cursor = cursorBefore(at);
        if (cursor.isEmpty()) {
          break; // the results end before the offset
        }
        page = search.page(query, sort, cursor.get(), size);
      }
      ids.addAll(page.ids());
      at += page.ids().size();
      if (page.nextCursor() == null || page.ids().isEmpty()) {
        break;
      }
      remember(at, page.nextCursor());
    }
    return ids;
  }

  /**
   * The cursor after the first {@code position} customers (position > 0): remembered, or walked to
   * from the nearest remembered one before it. Empty when fewer customers match.
   */
  private Optional<String> cursorBefore(long position) {
    Map.Entry<Long, String> nearest = cursors.floorEntry(position);
    long at = nearest == null ? 0 : nearest.getKey();
    String cursor = nearest == null ? null : nearest.getValue();
    while (at < position) {
      int step = (int) Math.min(window, position - at);
      Optional<String> next = search.skip(query, sort, cursor, step);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      at += step;
      cursor = next.get();
      remember(at, cursor);
    }
    return Optional.of(cursor);
  }

  private void remember(long position, String cursor) {
    if (cursors.size() >= MEMORY) {
      cursors.clear();
    }
    cursors.put(position, cursor);
  }

  /** For tests: how many cursors are remembered. */
  int remembered() {
    return cursors.size();
  }
}
