package com.oxidly.domain.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** order_items.csv: upserts on (order_id, sku); the order and the product must exist. */
final class OrderItemRows implements RowsApplier {

  @Override
  public void apply(ChunkContext context, List<Row> rows) {
    Set<String> orders =
        context.existing("orders", "order_id", ChunkContext.cells(rows, "order_id"));
    Set<String> products = context.existing("products", "sku", ChunkContext.cells(rows, "sku"));
    List<TableWriter.Prepared> prepared = new ArrayList<>(rows.size());
    for (Row row : rows) {
      RowCheck check = new RowCheck(row);
      String orderId =
          check.required("order_id", v -> known(orders, v, "order with order_id", "orders"));
      String sku = check.required("sku", v -> known(products, v, "product with sku", "products"));
      Integer quantity = check.required("quantity", v -> Values.integer(v, 1, Integer.MAX_VALUE));
      BigDecimal unitPrice =
          check.required("unit_price", v -> Values.amount(v, 2, ProductRows.PRICE_LIMIT));
      if (!check.ok()) {
        context.reject(check);
        continue;
      }
      prepared.add(
          new Inputs()
              .both("order_id", orderId)
              .both("sku", sku)
              .both("quantity", quantity)
              .both("unit_price", unitPrice.toPlainString())
              .prepare(row, TableWriter.key(orderId, sku)));
    }
    TableWriter.Spec spec =
        new SpecBuilder("order_items")
            .key("order_id")
            .key("sku")
            .value("quantity", "integer")
            .value("unit_price", "numeric")
            .build();
    context.count(context.writer(spec).write(prepared));
  }

  /** {@code value} when it is in {@code existing}; otherwise why the row cannot be stored. */
  static String known(Set<String> existing, String value, String what, String importFirst) {
    if (!existing.contains(value)) {
      throw new InvalidValue("no " + what + " " + value + "; import " + importFirst + " first");
    }
    return value;
  }
}
