package com.oxidly.domain.importing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a CSV import file holds, with the columns the data exchange format allows for it
 * (shared/specs/import-format.md). Customer files may also carry {@code attr_*} columns.
 */
public enum ImportKind {
  CUSTOMERS(
      "customers",
      List.of(
          "email",
          "first_name",
          "last_name",
          "phone",
          "year_of_birth",
          "country",
          "city",
          "address",
          "postal_code",
          "timezone",
          "status",
          "language",
          "signup_date",
          "email_opt_in",
          "sms_opt_in",
          "push_opt_in",
          "tags",
          "acquisition_channel",
          "referred_by"),
      Set.of("email", "first_name")),
  PRODUCTS(
      "products",
      List.of("sku", "name", "category", "price", "brand", "active"),
      Set.of("sku", "name", "category", "price")),
  ORDERS(
      "orders",
      List.of(
          "order_id",
          "customer_email",
          "ordered_at",
          "status",
          "total",
          "currency",
          "referral_code",
          "coupon_code"),
      Set.of("order_id", "customer_email", "ordered_at", "status", "total")),
  ORDER_ITEMS(
      "order-items",
      List.of("order_id", "sku", "quantity", "unit_price"),
      Set.of("order_id", "sku", "quantity", "unit_price")),
  REVIEWS(
      "reviews",
      List.of("review_id", "customer_email", "sku", "rating", "title", "body", "created_at"),
      Set.of("review_id", "customer_email", "sku", "rating", "created_at")),
  INTERACTIONS(
      "interactions",
      List.of(
          "interaction_id",
          "customer_email",
          "type",
          "channel",
          "subject",
          "body",
          "status",
          "created_at"),
      Set.of("interaction_id", "customer_email", "type", "created_at"));

  /** Prefix of the customer columns that land in {@code customers.attributes}. */
  public static final String ATTRIBUTE_PREFIX = "attr_";

  private final String path;
  private final List<String> columns;
  private final Set<String> requiredColumns;

  ImportKind(String path, List<String> columns, Set<String> requiredColumns) {
    this.path = path;
    this.columns = columns;
    this.requiredColumns = requiredColumns;
  }

  /** The word used in URLs and in {@code import_jobs.kind}, e.g. {@code order-items}. */
  public String path() {
    return path;
  }

  /** The columns a file of this kind may have, in the order of the spec. */
  public List<String> columns() {
    return columns;
  }

  /** The columns a file must have; every row needs a value in each of them. */
  public Set<String> requiredColumns() {
    return requiredColumns;
  }

  /** Whether the file may carry {@code attr_*} columns (custom attributes). */
  public boolean allowsAttributes() {
    return this == CUSTOMERS;
  }

  /**
   * The kind for a path word, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values when the word is unknown
   */
  public static ImportKind fromPath(String path) {
    String word = path == null ? "" : path.trim().toLowerCase(Locale.ROOT);
    for (ImportKind kind : values()) {
      if (kind.path.equals(word)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown import kind '"
            + path
            + "'; expected one of "
            + Arrays.stream(values()).map(ImportKind::path).collect(Collectors.joining(", ")));
  }
}
