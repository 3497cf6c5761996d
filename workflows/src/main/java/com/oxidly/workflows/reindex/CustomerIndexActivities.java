package com.oxidly.workflows.reindex;

import io.temporal.activity.ActivityInterface;

/**
 * Side effects of a customer index rebuild. Every method is idempotent: a retry after a timeout
 * writes the same documents again under the same ids.
 */
@ActivityInterface
public interface CustomerIndexActivities {

  /** Creates an empty physical index and returns its name. */
  String createIndex();

  /** Customers in PostgreSQL now. */
  long countCustomers();

  /** Indexes the next page of customers after {@code afterUuid} (null: from the start). */
  IndexedBatch indexPage(String index, String afterUuid, int pageSize);

  /** Points the live alias at {@code index} alone and drops the previous index. */
  void switchAlias(String index);

  /**
   * One page written.
   *
   * @param lastUuid cursor for the next page
   * @param last true when no customers follow
   */
  record IndexedBatch(int indexed, String lastUuid, boolean last) {}
}
