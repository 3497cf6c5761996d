package com.oxidly.domain.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * reviews.csv: upserts on review_id; the customer and the product must exist. Sentiment columns
 * belong to analytics and are not touched.
 */
final class ReviewRows implements RowsApplier {

  @Override
  public void apply(ChunkContext context, List<Row> rows) {
    Map<String, UUID> customers =
        context.customers(ChunkContext.validEmails(rows, "customer_email"));
    Set<String> products = context.existing("products", "sku", ChunkContext.cells(rows, "sku"));
    List<TableWriter.Prepared> prepared = new ArrayList<>(rows.size());
    for (Row row : rows) {
      RowCheck check = new RowCheck(row);
      String reviewId = check.requiredText("review_id");
      UUID customer = check.required("customer_email", v -> OrderRows.customer(customers, v));
      String sku =
          check.required(
              "sku", v -> OrderItemRows.known(products, v, "product with sku", "products"));
      Integer rating = check.required("rating", v -> Values.integer(v, 1, 5));
      Instant createdAt = check.required("created_at", v -> Values.instant(v, true));
      if (!check.ok()) {
        context.reject(check);
        continue;
      }
      prepared.add(
          new Inputs()
              .both("review_id", reviewId)
              .both("customer_uuid", customer)
              .both("sku", sku)
              .both("rating", rating)
              .both("title", check.text("title"))
              .both("body", check.text("body"))
              .both("created_at", createdAt)
              .prepare(row, reviewId));
    }
    Header header = context.header();
    SpecBuilder spec =
        new SpecBuilder("reviews")
            .key("review_id")
            .value("customer_uuid", "uuid")
            .value("sku", null)
            .value("rating", "smallint")
            .value("created_at", "timestamptz");
    for (String column : List.of("title", "body")) {
      if (header.has(column)) {
        spec.value(column, null);
      }
    }
    context.count(context.writer(spec.build()).write(prepared));
  }
}
