package com.oxidly.domain.search;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the customer index in step with PostgreSQL by draining the change log ({@code
 * customer_index_outbox}, filled by triggers in the writing transaction). A batch is removed from
 * the log in the same transaction that pushes it to Elasticsearch, so a failure leaves it queued
 * for the next attempt: nothing is lost, and re-sending is harmless. Several nodes may drain at
 * once (SKIP LOCKED).
 */
@Component
@ConditionalOnProperty(
    name = "oxidly.index.outbox.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class CustomerIndexer {

  private static final Logger log = LoggerFactory.getLogger(CustomerIndexer.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final CustomerDocuments documents;
  private final CustomerIndex index;
  private final int batchSize;

  CustomerIndexer(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      CustomerDocuments documents,
      CustomerIndex index,
      @Value("${oxidly.index.outbox.batch-size:1000}") int batchSize) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.documents = documents;
    this.index = index;
    this.batchSize = batchSize;
  }

  /** Drains the log until it is empty; runs every 200 ms by default. */
  @Scheduled(fixedDelayString = "${oxidly.index.outbox.poll-millis:200}")
  public void drain() {
    try {
      while (drainBatch() == batchSize) {
        // a full batch: there may be more right away
      }
    } catch (RuntimeException e) {
      // Left queued; the next run retries. Logged once per failed run, not per customer.
      log.warn("Customer index update failed, will retry: {}", e.getMessage());
    }
  }

  /**
   * Pushes one batch of queued changes.
   *
   * @return how many log entries the batch consumed
   */
  public int drainBatch() {
    Integer consumed =
        transactions.execute(
            status -> {
              List<UUID> queued =
                  jdbc.queryForList(
                      "delete from customer_index_outbox where id in (select id from"
                          + " customer_index_outbox order by id limit ? for update skip locked)"
                          + " returning customer_uuid",
                      UUID.class,
                      batchSize);
              if (queued.isEmpty()) {
                return 0;
              }
              Set<UUID> changed = new LinkedHashSet<>(queued);
              List<Map<String, Object>> current = documents.of(List.copyOf(changed));
              Set<UUID> removed = new HashSet<>(changed);
              current.forEach(
                  doc -> removed.remove(UUID.fromString((String) doc.get("customer_uuid"))));
              index.applyChanges(current, removed);
              return queued.size();
            });
    return consumed == null ? 0 : consumed;
  }

  /** Entries waiting in the log (for health and progress displays). */
  public long backlog() {
    Long waiting = jdbc.queryForObject("select count(*) from customer_index_outbox", Long.class);
    return waiting == null ? 0 : waiting;
  }
}
