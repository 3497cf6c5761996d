package com.oxidly.domain.demo;

/** The tables a chunk writes, in foreign-key order, with the COPY statement for each. */
enum DemoTable {
  CUSTOMERS(
      "customers",
      "customer_uuid, email, first_name, last_name, phone, year_of_birth, country, city, address,"
          + " postal_code, time_zone, status, language, signup_date, email_opt_in,"
          + " email_consent_at, sms_opt_in, sms_consent_at, push_opt_in, push_consent_at, tags,"
          + " acquisition_channel, referred_by, attributes, total_spent, order_count,"
          + " first_order_at, last_order_at, average_order_value, created_at, updated_at",
      420),
  CONSENT_EVENTS("consent_events", "customer_uuid, channel, opted_in, source, occurred_at", 80),
  ORDERS(
      "orders",
      "order_id, customer_uuid, ordered_at, status, total, currency, referral_code, coupon_code,"
          + " created_at, updated_at",
      900),
  ORDER_ITEMS("order_items", "order_id, sku, quantity, unit_price", 700),
  REVIEWS("reviews", "review_id, customer_uuid, sku, rating, title, body, created_at", 450),
  INTERACTIONS(
      "interactions",
      "interaction_id, customer_uuid, type, channel, subject, body, status, created_at",
      100);

  final String table;
  final String copySql;

  /** Rough CSV bytes per customer, to size buffers before the first chunk. */
  final int bytesPerCustomer;

  DemoTable(String table, String columns, int bytesPerCustomer) {
    this.table = table;
    this.copySql = "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
    this.bytesPerCustomer = bytesPerCustomer;
  }
}
