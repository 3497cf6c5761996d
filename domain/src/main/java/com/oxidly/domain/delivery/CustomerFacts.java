package com.oxidly.domain.delivery;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** What the delivery rules and templates need to know about a recipient. */
record CustomerFacts(
    UUID uuid,
    String status,
    String email,
    String phone,
    String pushToken,
    String timeZone,
    boolean emailOptIn,
    boolean smsOptIn,
    boolean pushOptIn,
    String firstName,
    String lastName,
    String city,
    String country,
    String language,
    BigDecimal totalSpent,
    int orderCount,
    String persona,
    List<String> tags,
    String attributesJson) {

  static final String COLUMNS =
      "customer_uuid, status, email, phone, attributes->>'push_token' as push_token, time_zone,"
          + " email_opt_in, sms_opt_in, push_opt_in, first_name, last_name, city, country,"
          + " language, total_spent, order_count, persona, tags, attributes::text as"
          + " attributes_json";

  static CustomerFacts of(java.sql.ResultSet rs) throws java.sql.SQLException {
    java.sql.Array tags = rs.getArray("tags");
    return new CustomerFacts(
        rs.getObject("customer_uuid", UUID.class),
        rs.getString("status"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("push_token"),
        rs.getString("time_zone"),
        rs.getBoolean("email_opt_in"),
        rs.getBoolean("sms_opt_in"),
        rs.getBoolean("push_opt_in"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("city"),
        rs.getString("country"),
        rs.getString("language"),
        rs.getBigDecimal("total_spent"),
        rs.getInt("order_count"),
        rs.getString("persona"),
        tags == null ? List.of() : List.of((String[]) tags.getArray()),
        rs.getString("attributes_json"));
  }
}
