package com.oxidly.domain.importing;

import com.oxidly.domain.importing.TableWriter.Outcome;
import com.oxidly.domain.importing.TableWriter.Written;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * orders.csv: upserts on order_id; the customer must exist. The metrics of every customer whose
 * orders changed (including the previous customer of an order that moved) are recomputed in the
 * same transaction, so they are right when the chunk commits.
 */
final class OrderRows implements RowsApplier {

  static final List<String> STATUSES =
      List.of("placed", "paid", "shipped", "delivered", "cancelled", "refunded");

  /** numeric(14, 2). */
  static final BigDecimal TOTAL_LIMIT = new BigDecimal("1000000000000");

  @Override
  public void apply(ChunkContext context, List<Row> rows) {
    Map<String, UUID> customers =
        context.customers(ChunkContext.validEmails(rows, "customer_email"));
    List<TableWriter.Prepared> prepared = new ArrayList<>(rows.size());
    for (Row row : rows) {
      RowCheck check = new RowCheck(row);
      String orderId = check.requiredText("order_id");
      UUID customer = check.required("customer_email", v -> customer(customers, v));
      Instant orderedAt = check.required("ordered_at", v -> Values.instant(v, false));
      String status = check.required("status", v -> Values.word(v, STATUSES));
      BigDecimal total = check.required("total", v -> Values.amount(v, 2, TOTAL_LIMIT));
      String currency = check.optional("currency", Values::currency);
      if (!check.ok()) {
        context.reject(check);
        continue;
      }
      prepared.add(
          new Inputs()
              .both("order_id", orderId)
              .both("customer_uuid", customer)
              .both("ordered_at", orderedAt)
              .both("status", status)
              .both("total", total.toPlainString())
              .keep("currency", currency, context.storeCurrency())
              .both("referral_code", check.text("referral_code"))
              .both("coupon_code", check.text("coupon_code"))
              .prepare(row, orderId));
    }
    Header header = context.header();
    SpecBuilder spec =
        new SpecBuilder("orders")
            .key("order_id")
            .value("customer_uuid", "uuid")
            .value("ordered_at", "timestamptz")
            .value("status", null)
            .value("total", "numeric")
            .insertOnly("created_at", "p.now")
            .insertOnly("updated_at", "p.now")
            .whenChanged("updated_at = p.now")
            .locked("customer_uuid");
    if (header.has("currency")) {
      spec.keep("currency", null);
    } else {
      spec.insertOnly("currency", "i.currency", "currency");
    }
    for (String column : List.of("referral_code", "coupon_code")) {
      if (header.has(column)) {
        spec.value(column, null);
      }
    }
    List<Written> written = context.writer(spec.build()).write(prepared);
    context.count(written);
    Set<UUID> touched = new HashSet<>();
    for (Written row : written) {
      if (row.outcome() != Outcome.UNCHANGED) {
        touched.add(UUID.fromString(row.row().insert().get("customer_uuid")));
        if (row.before() != null) {
          touched.add((UUID) row.before().get("customer_uuid"));
        }
      }
    }
    context.aggregates().refresh(touched);
  }

  static UUID customer(Map<String, UUID> customers, String value) {
    String email = Values.email(value);
    UUID customer = customers.get(email);
    if (customer == null) {
      throw new InvalidValue("no customer with email " + email + "; import customers first");
    }
    return customer;
  }
}
