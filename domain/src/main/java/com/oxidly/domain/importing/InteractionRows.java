package com.oxidly.domain.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** interactions.csv: upserts on interaction_id; the customer must exist. */
final class InteractionRows implements RowsApplier {

  static final List<String> TYPES =
      List.of(
          "support_ticket", "chat", "call", "email_reply", "campaign_response", "social_mention");
  static final List<String> CHANNELS =
      List.of("email", "sms", "push", "in_app", "phone", "web", "social");
  static final List<String> STATUSES = List.of("open", "pending", "resolved", "closed");

  @Override
  public void apply(ChunkContext context, List<Row> rows) {
    Map<String, UUID> customers =
        context.customers(ChunkContext.validEmails(rows, "customer_email"));
    List<TableWriter.Prepared> prepared = new ArrayList<>(rows.size());
    for (Row row : rows) {
      RowCheck check = new RowCheck(row);
      String interactionId = check.requiredText("interaction_id");
      UUID customer = check.required("customer_email", v -> OrderRows.customer(customers, v));
      String type = check.required("type", v -> Values.word(v, TYPES));
      String channel = check.optional("channel", v -> Values.word(v, CHANNELS));
      String status = check.optional("status", v -> Values.word(v, STATUSES));
      Instant createdAt = check.required("created_at", v -> Values.instant(v, true));
      if (!check.ok()) {
        context.reject(check);
        continue;
      }
      prepared.add(
          new Inputs()
              .both("interaction_id", interactionId)
              .both("customer_uuid", customer)
              .both("type", type)
              .both("channel", channel)
              .both("subject", check.text("subject"))
              .both("body", check.text("body"))
              .both("status", status)
              .both("created_at", createdAt)
              .prepare(row, interactionId));
    }
    Header header = context.header();
    SpecBuilder spec =
        new SpecBuilder("interactions")
            .key("interaction_id")
            .value("customer_uuid", "uuid")
            .value("type", null)
            .value("created_at", "timestamptz");
    for (String column : List.of("channel", "subject", "body", "status")) {
      if (header.has(column)) {
        spec.value(column, null);
      }
    }
    context.count(context.writer(spec.build()).write(prepared));
  }
}
