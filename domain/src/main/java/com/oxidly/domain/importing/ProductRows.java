package com.oxidly.domain.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** products.csv: upserts on sku; an empty {@code active} cell means true for a new product. */
final class ProductRows implements RowsApplier {

  /** numeric(12, 2). */
  static final BigDecimal PRICE_LIMIT = new BigDecimal("10000000000");

  @Override
  public void apply(ChunkContext context, List<Row> rows) {
    List<TableWriter.Prepared> prepared = new ArrayList<>(rows.size());
    for (Row row : rows) {
      RowCheck check = new RowCheck(row);
      String sku = check.requiredText("sku");
      String name = check.requiredText("name");
      String category = check.requiredText("category");
      BigDecimal price = check.required("price", v -> Values.amount(v, 2, PRICE_LIMIT));
      Boolean active = check.optional("active", Values::bool);
      if (!check.ok()) {
        context.reject(check);
        continue;
      }
      prepared.add(
          new Inputs()
              .both("sku", sku)
              .both("name", name)
              .both("category", category)
              .both("price", price.toPlainString())
              .both("brand", check.text("brand"))
              .keep("active", active, true)
              .prepare(row, sku));
    }
    Header header = context.header();
    SpecBuilder spec =
        new SpecBuilder("products")
            .key("sku")
            .value("name", null)
            .value("category", null)
            .value("price", "numeric")
            .insertOnly("created_at", "p.now")
            .insertOnly("updated_at", "p.now")
            .whenChanged("updated_at = p.now");
    if (header.has("brand")) {
      spec.value("brand", null);
    }
    if (header.has("active")) {
      spec.keep("active", "boolean");
    }
    context.count(context.writer(spec.build()).write(prepared));
  }
}
