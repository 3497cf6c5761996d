package com.oxidly.domain.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A customer profile as stored in PostgreSQL. {@code customerUuid} is the identity every relation
 * uses; {@code email} (lower-case, trimmed) is the natural key for imports. The derived metrics at
 * the end are computed by Oxidly, never set by users.
 */
@Table("customers")
public record Customer(
    @Id UUID customerUuid,
    String email,
    String firstName,
    String lastName,
    String phone,
    Integer yearOfBirth,
    String country,
    String city,
    String address,
    String postalCode,
    String timeZone,
    CustomerStatus status,
    String language,
    Instant signupDate,
    boolean emailOptIn,
    Instant emailConsentAt,
    boolean smsOptIn,
    Instant smsConsentAt,
    boolean pushOptIn,
    Instant pushConsentAt,
    List<String> tags,
    String acquisitionChannel,
    String referredBy,
    Map<String, Object> attributes,
    BigDecimal totalSpent,
    int orderCount,
    Instant firstOrderAt,
    Instant lastOrderAt,
    BigDecimal averageOrderValue,
    Integer engagementScore,
    Double sentimentScore,
    BigDecimal predictedClv,
    Double pAlive,
    String persona,
    List<String> segments,
    Instant createdAt,
    Instant updatedAt,
    @Version Integer version) {

  /** Where a customer came from: the values {@code acquisitionChannel} takes. */
  public static final List<String> ACQUISITION_CHANNELS =
      List.of(
          "organic",
          "paid_search",
          "social",
          "email",
          "referral",
          "affiliate",
          "influencer",
          "other");

  /** "First Last", or just the first name when there is no last name. */
  public String fullName() {
    return lastName == null || lastName.isBlank() ? firstName : firstName + " " + lastName;
  }
}
