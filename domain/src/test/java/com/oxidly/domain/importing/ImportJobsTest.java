package com.oxidly.domain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.customer.CustomerAggregates;
import com.oxidly.domain.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports CSV files into a throwaway PostgreSQL database (127.0.0.1:5432, user postgres) and checks
 * the stored rows, the counts and the rejections against shared/specs/import-format.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportJobsTest {

  private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");

  private TestDatabase database;
  private JdbcTemplate db;
  private TransactionTemplate tx;
  private CustomerAggregates aggregates;
  private ImportJobs imports;

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_import_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    db = database.jdbc();
    tx = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    aggregates = new CustomerAggregates(db, clock);
    imports = imports(ImportJobs.DEFAULT_CHUNK_SIZE);
  }

  private ImportJobs imports(int chunkSize) {
    return new ImportJobs(db, tx, Clock.fixed(NOW, ZoneOffset.UTC), aggregates, "USD", chunkSize);
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.drop();
    }
  }

  @BeforeEach
  void emptyTables() {
    db.execute(
        "truncate customers, consent_events, products, orders, order_items, reviews,"
            + " interactions, import_jobs cascade");
  }

  // ---- A whole store ----

  private static final String CUSTOMERS =
      """
      email,first_name,last_name,phone,year_of_birth,country,city,timezone,status,language,signup_date,email_opt_in,sms_opt_in,push_opt_in,tags,acquisition_channel,referred_by,attr_favourite_colour
      Ada@Example.com ,Ada,Lovelace,+44 20 7946 0958,1985,United Kingdom,London,,active,en-GB,2024-03-01,true,false,,vip; early ;vip,referral,REF-1,green
      bob@example.com,Bob,,(212) 555-0134,1990,USA,New York,,,en_us,2025-01-02T10:15:00,false,TRUE,true,,organic,,
      carla@example.de,Carla,Schmidt,030 1234567,,de,Berlin,Europe/Berlin,inactive,de-DE,2025-06-30T08:00:00+02:00,,,,,,,blue
      """;

  private static final String PRODUCTS =
      """
      sku,name,category,price,brand,active
      SKU-1,Trail Shoe,Shoes,89.90,Acme,true
      SKU-2,Rain Jacket,Outerwear,120,,
      SKU-3,Old Sock,Socks,2.5,Acme,false
      """;

  private static final String ORDERS =
      """
      order_id,customer_email,ordered_at,status,total,currency,referral_code,coupon_code
      O-1,ada@example.com,2026-01-10T09:00:00Z,delivered,89.90,EUR,,WELCOME10
      O-2,ADA@example.com,2026-03-05 18:30:00,paid,120.00,,,
      O-3,ada@example.com,2026-04-01T00:00:00Z,cancelled,500,,,
      O-4,bob@example.com,2026-05-01T12:00:00-04:00,refunded,10,USD,REF-1,
      O-5,bob@example.com,2026-06-01T12:00:00Z,shipped,33.33,,,
      O-6,bob@example.com,2026-07-01T12:00:00Z,placed,33.33,,,
      """;

  private static final String ORDER_ITEMS =
      """
      order_id,sku,quantity,unit_price
      O-1,SKU-1,1,89.90
      O-2,SKU-2,1,120
      O-5,SKU-3,3,2.50
      O-5,SKU-1,1,25.83
      """;

  private static final String REVIEWS =
      """
      review_id,customer_email,sku,rating,title,body,created_at
      R-1,ada@example.com,SKU-1,5,Great,"Comfortable, light",2026-01-20T10:00:00Z
      R-2,bob@example.com,SKU-3,1,,,2026-06-10
      """;

  private static final String INTERACTIONS =
      """
      interaction_id,customer_email,type,channel,subject,body,status,created_at
      I-1,bob@example.com,support_ticket,email,Refund,Where is my refund?,open,2026-05-02T09:00:00Z
      I-2,ada@example.com,chat,web,,,,2026-02-01T11:00:00Z
      """;

  private void importStore() {
    assertThat(run(ImportKind.CUSTOMERS, CUSTOMERS).inserted()).isEqualTo(3);
    assertThat(run(ImportKind.PRODUCTS, PRODUCTS).inserted()).isEqualTo(3);
    assertThat(run(ImportKind.ORDERS, ORDERS).inserted()).isEqualTo(6);
    assertThat(run(ImportKind.ORDER_ITEMS, ORDER_ITEMS).inserted()).isEqualTo(4);
    assertThat(run(ImportKind.REVIEWS, REVIEWS).inserted()).isEqualTo(2);
    assertThat(run(ImportKind.INTERACTIONS, INTERACTIONS).inserted()).isEqualTo(2);
  }

  @Test
  void allSixKindsImportASmallStore() {
    importStore();

    Map<String, Object> ada =
        db.queryForMap("select * from customers where email = 'ada@example.com'");
    assertThat(ada)
        .containsEntry("first_name", "Ada")
        .containsEntry("last_name", "Lovelace")
        .containsEntry("phone", "+442079460958")
        .containsEntry("year_of_birth", 1985)
        .containsEntry("country", "GB")
        .containsEntry("city", "London")
        .containsEntry("time_zone", "Europe/London")
        .containsEntry("status", "active")
        .containsEntry("language", "en-GB")
        .containsEntry("email_opt_in", true)
        .containsEntry("sms_opt_in", false)
        .containsEntry("push_opt_in", false)
        .containsEntry("acquisition_channel", "referral")
        .containsEntry("referred_by", "REF-1");
    assertThat(instant(ada.get("signup_date"))).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(instant(ada.get("email_consent_at"))).isEqualTo(NOW);
    assertThat(ada.get("sms_consent_at")).isNull();
    assertThat(
            text(
                "select array_to_string(tags, '|') from customers where email = 'ada@example.com'"))
        .isEqualTo("vip|early");
    assertThat(text("select attributes::text from customers where email = 'ada@example.com'"))
        .isEqualTo("{\"favourite_colour\": \"green\"}");

    Map<String, Object> bob =
        db.queryForMap("select * from customers where email = 'bob@example.com'");
    assertThat(bob)
        .containsEntry("phone", "+12125550134")
        .containsEntry("country", "US")
        .containsEntry("time_zone", "America/New_York")
        .containsEntry("status", "active")
        .containsEntry("language", "en-US")
        .containsEntry("last_name", null)
        .containsEntry("sms_opt_in", true)
        .containsEntry("push_opt_in", true);
    assertThat(instant(bob.get("signup_date"))).isEqualTo(Instant.parse("2025-01-02T10:15:00Z"));
    assertThat(text("select attributes::text from customers where email = 'bob@example.com'"))
        .isEqualTo("{}");

    Map<String, Object> carla =
        db.queryForMap("select * from customers where email = 'carla@example.de'");
    assertThat(carla)
        .containsEntry("phone", "+49301234567")
        .containsEntry("country", "DE")
        .containsEntry("time_zone", "Europe/Berlin")
        .containsEntry("status", "inactive")
        .containsEntry("year_of_birth", null)
        .containsEntry("email_opt_in", false);
    assertThat(instant(carla.get("signup_date"))).isEqualTo(Instant.parse("2025-06-30T06:00:00Z"));

    assertThat(
            db.queryForList(
                "select c.email || ' ' || e.channel || ' ' || e.opted_in || ' ' || e.source"
                    + " from consent_events e join customers c using (customer_uuid)"
                    + " order by 1",
                String.class))
        .containsExactly(
            "ada@example.com email true import",
            "bob@example.com push true import",
            "bob@example.com sms true import");

    assertThat(
            db.queryForList(
                "select sku || ' ' || name || ' ' || category || ' ' || price || ' '"
                    + " || coalesce(brand, '-') || ' ' || active from products order by sku",
                String.class))
        .containsExactly(
            "SKU-1 Trail Shoe Shoes 89.90 Acme true",
            "SKU-2 Rain Jacket Outerwear 120.00 - true",
            "SKU-3 Old Sock Socks 2.50 Acme false");

    assertThat(
            db.queryForList(
                "select o.order_id || ' ' || c.email || ' ' || o.status || ' ' || o.total || ' '"
                    + " || o.currency || ' ' || coalesce(o.coupon_code, '-')"
                    + " from orders o join customers c using (customer_uuid) order by order_id",
                String.class))
        .containsExactly(
            "O-1 ada@example.com delivered 89.90 EUR WELCOME10",
            "O-2 ada@example.com paid 120.00 USD -",
            "O-3 ada@example.com cancelled 500.00 USD -",
            "O-4 bob@example.com refunded 10.00 USD -",
            "O-5 bob@example.com shipped 33.33 USD -",
            "O-6 bob@example.com placed 33.33 USD -");
    assertThat(
            instant(
                db.queryForObject(
                    "select ordered_at from orders where order_id = 'O-2'", Object.class)))
        .isEqualTo(Instant.parse("2026-03-05T18:30:00Z"));
    assertThat(
            instant(
                db.queryForObject(
                    "select ordered_at from orders where order_id = 'O-4'", Object.class)))
        .isEqualTo(Instant.parse("2026-05-01T16:00:00Z"));

    assertThat(
            db.queryForList(
                "select order_id || ' ' || sku || ' ' || quantity || ' ' || unit_price"
                    + " from order_items order by order_id, sku",
                String.class))
        .containsExactly(
            "O-1 SKU-1 1 89.90", "O-2 SKU-2 1 120.00", "O-5 SKU-1 1 25.83", "O-5 SKU-3 3 2.50");
    assertThat(
            db.queryForList(
                "select review_id || ' ' || c.email || ' ' || sku || ' ' || rating || ' ' ||"
                    + " coalesce(title, '-') || ' ' || coalesce(body, '-') || ' ' || r.created_at"
                    + " from reviews r join customers c using (customer_uuid) order by review_id",
                String.class))
        .containsExactly(
            "R-1 ada@example.com SKU-1 5 Great Comfortable, light 2026-01-20 10:00:00+00",
            "R-2 bob@example.com SKU-3 1 - - 2026-06-10 00:00:00+00");
    assertThat(
            db.queryForList(
                "select interaction_id || ' ' || type || ' ' || coalesce(channel, '-') || ' '"
                    + " || coalesce(status, '-') || ' ' || coalesce(subject, '-')"
                    + " from interactions order by interaction_id",
                String.class))
        .containsExactly("I-1 support_ticket email open Refund", "I-2 chat web - -");

    // Counted orders only: O-3 is cancelled, O-4 refunded.
    assertThat(
            db.queryForList(
                "select email || ' ' || total_spent || ' ' || order_count || ' '"
                    + " || coalesce(average_order_value::text, '-') || ' '"
                    + " || coalesce(first_order_at::text, '-') || ' '"
                    + " || coalesce(last_order_at::text, '-') from customers order by email",
                String.class))
        .containsExactly(
            "ada@example.com 209.90 2 104.95 2026-01-10 09:00:00+00 2026-03-05 18:30:00+00",
            "bob@example.com 66.66 2 33.33 2026-06-01 12:00:00+00 2026-07-01 12:00:00+00",
            "carla@example.de 0.00 0 - - -");
    assertAggregatesMatchOrders();
  }

  @Test
  void jobReportsItsLifeCycleAndCounts() {
    ImportJob staged =
        imports.stage(ImportKind.PRODUCTS, csv(PRODUCTS), "products.csv", "marketer@example.com");
    assertThat(staged.status()).isEqualTo(ImportJob.Status.STAGED);
    assertThat(staged.kind()).isEqualTo(ImportKind.PRODUCTS);
    assertThat(staged.fileName()).isEqualTo("products.csv");
    assertThat(staged.createdBy()).isEqualTo("marketer@example.com");
    assertThat(staged.columns())
        .containsExactly("sku", "name", "category", "price", "brand", "active");
    assertThat(staged.totalRows()).isEqualTo(3);
    assertThat(staged.chunkCount()).isEqualTo(1).isEqualTo(imports.chunkCount(staged.id()));
    assertThat(staged.chunksApplied()).isZero();
    assertThat(staged.createdAt()).isEqualTo(NOW);
    assertThat(staged.startedAt()).isNull();
    assertThat(staged.finishedAt()).isNull();

    assertThatThrownBy(() -> imports.markCompleted(staged.id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0 of 1 chunks applied");
    imports.markRunning(staged.id());
    imports.markRunning(staged.id());
    assertThat(imports.job(staged.id()).status()).isEqualTo(ImportJob.Status.RUNNING);
    assertThat(imports.job(staged.id()).startedAt()).isEqualTo(NOW);

    ChunkOutcome outcome = imports.applyChunk(staged.id(), 0);
    assertThat(outcome).isEqualTo(new ChunkOutcome(staged.id(), 0, 2, 3, 3, 0, 0, 0, 0, NOW));
    assertThatThrownBy(() -> imports.applyChunk(staged.id(), 1))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("chunks are 0 to 0");

    imports.markFailed(staged.id(), "worker lost");
    ImportJob failed = imports.job(staged.id());
    assertThat(failed.status()).isEqualTo(ImportJob.Status.FAILED);
    assertThat(failed.message()).isEqualTo("worker lost");
    imports.markRunning(staged.id());
    imports.markCompleted(staged.id());
    imports.markCompleted(staged.id());
    imports.markFailed(staged.id(), "too late");
    imports.markRunning(staged.id());
    ImportJob done = imports.job(staged.id());
    assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
    assertThat(done.message()).isNull();
    assertThat(done.finishedAt()).isEqualTo(NOW);
    assertThat(done.chunksApplied()).isEqualTo(1);
    assertThat(done.inserted()).isEqualTo(3);
    assertThat(done.processedRows()).isEqualTo(done.totalRows());
    // The stored copy of the file is gone; the recorded outcome is still returned.
    assertThat(count("import_chunks where csv is not null")).isZero();
    assertThat(imports.applyChunk(staged.id(), 0)).isEqualTo(outcome);
    assertThat(imports.recent(10)).extracting(ImportJob::id).containsExactly(staged.id());

    UUID unknown = UUID.randomUUID();
    assertThat(imports.find(unknown)).isEmpty();
    assertThatThrownBy(() -> imports.job(unknown)).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> imports.chunkCount(unknown))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> imports.markRunning(unknown))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> imports.applyChunk(unknown, 0))
        .isInstanceOf(NoSuchElementException.class);
  }

  // ---- Bad rows ----

  @Test
  void brokenCustomerRowsAreReportedEachWithRowAndColumnAndGoodRowsAreStored() {
    ImportJob job =
        run(
            ImportKind.CUSTOMERS,
            """
            email,first_name,year_of_birth,country,timezone,status,email_opt_in,phone,language,signup_date,acquisition_channel
            good1@example.com,Gina,1980,FR,,,,,,,
            not-an-email,Nick,1980,FR,,,,,,,
            old@example.com,Olga,1850,FR,,,,,,,
            nowhere@example.com,Nora,1980,Atlantis,,,,,,,
            clock@example.com,Tim,1980,FR,Mars/Olympus,,,,,,
            vip@example.com,Vic,1980,FR,,vip,,,,,
            yes@example.com,Yan,1980,FR,,,yes,,,,
            good2@example.com,Gus,2026,Czech Republic,,suspended,false,,,,
            many@example.com,,2030,FR,,,maybe,12,xx-!!,yesterday,tv
            """);
    assertThat(job.totalRows()).isEqualTo(9);
    assertThat(job.inserted()).isEqualTo(2);
    assertThat(job.rejected()).isEqualTo(7);
    assertThat(db.queryForList("select email from customers order by email", String.class))
        .containsExactly("good1@example.com", "good2@example.com");
    assertThat(
            text(
                "select country || ' ' || time_zone from customers where email ="
                    + " 'good2@example.com'"))
        .isEqualTo("CZ Europe/Prague");

    List<String> rejections =
        db.queryForList(
            "select row_number || ' ' || column_name || ': ' || reason from import_rejections"
                + " order by row_number, column_name",
            String.class);
    assertThat(rejections)
        .containsExactly(
            "3 email: 'not-an-email' is not a valid email address",
            "4 year_of_birth: must be between 1900 and 2026, was 1850",
            "5 country: unknown country 'Atlantis'; expected an ISO 3166-1 alpha-2 code such as DE"
                + " or an English name such as Germany",
            "6 timezone: unknown time zone 'Mars/Olympus'; expected an IANA zone id such as"
                + " America/New_York",
            "7 status: unknown value 'vip'; expected one of active, inactive, suspended, banned",
            "8 email_opt_in: 'yes' is not a boolean; expected true or false",
            "10 acquisition_channel: unknown value 'tv'; expected one of organic, paid_search,"
                + " social, email, referral, affiliate, influencer, other",
            "10 email_opt_in: 'maybe' is not a boolean; expected true or false",
            "10 first_name: is required",
            "10 language: 'xx-!!' is not a BCP 47 language tag such as en or de-DE",
            "10 phone: '12' is not a valid phone number for FR",
            "10 signup_date: 'yesterday' is not an ISO-8601 date or date-time, e.g. 2026-03-01 or"
                + " 2026-03-01T14:30:00Z",
            "10 year_of_birth: must be between 1900 and 2026, was 2030");
    assertThat(
            db.queryForList(
                "select array_to_string(raw, '|') from import_rejections where row_number = 4",
                String.class))
        .containsExactly("old@example.com|Olga|1850|FR|||||||");
  }

  @Test
  void rowsNamingUnknownCustomersOrdersOrProductsAreRejectedWithThatReason() {
    run(ImportKind.CUSTOMERS, "email,first_name\nada@example.com,Ada\n");
    run(ImportKind.PRODUCTS, "sku,name,category,price\nSKU-1,Shoe,Shoes,10\n");
    ImportJob orders =
        run(
            ImportKind.ORDERS,
            """
            order_id,customer_email,ordered_at,status,total
            O-1,ada@example.com,2026-01-01T00:00:00Z,paid,10
            O-2,ghost@example.com,2026-01-01T00:00:00Z,paid,10
            O-3,ada@example.com,2026-01-01,paid,-5
            """);
    assertThat(orders.inserted()).isEqualTo(1);
    assertThat(orders.rejected()).isEqualTo(2);
    ImportJob items =
        run(
            ImportKind.ORDER_ITEMS,
            "order_id,sku,quantity,unit_price\nO-1,SKU-1,1,10\nO-2,SKU-9,0,1.999\n");
    assertThat(items.rejected()).isEqualTo(1);
    ImportJob reviews =
        run(
            ImportKind.REVIEWS,
            "review_id,customer_email,sku,rating,created_at\n"
                + "R-1,ghost@example.com,SKU-1,6,2026-01-01\n");
    assertThat(reviews.rejected()).isEqualTo(1);
    ImportJob interactions =
        run(
            ImportKind.INTERACTIONS,
            "interaction_id,customer_email,type,channel,status,created_at\n"
                + "I-1,ada@example.com,letter,fax,done,2026-01-01\n");
    assertThat(interactions.rejected()).isEqualTo(1);

    assertThat(reasons(orders.id()))
        .containsExactly(
            "3 customer_email: no customer with email ghost@example.com; import customers first",
            "4 ordered_at: '2026-01-01' is not an ISO-8601 date-time, e.g. 2026-03-01T14:30:00Z",
            "4 total: must not be negative, was -5");
    assertThat(reasons(items.id()))
        .containsExactly(
            "3 order_id: no order with order_id O-2; import orders first",
            "3 quantity: must be between 1 and 2147483647, was 0",
            "3 sku: no product with sku SKU-9; import products first",
            "3 unit_price: '1.999' has more than 2 decimal places");
    assertThat(reasons(reviews.id()))
        .containsExactly(
            "2 customer_email: no customer with email ghost@example.com; import customers first",
            "2 rating: must be between 1 and 5, was 6");
    assertThat(reasons(interactions.id()))
        .containsExactly(
            "2 channel: unknown value 'fax'; expected one of email, sms, push, in_app, phone, web,"
                + " social",
            "2 status: unknown value 'done'; expected one of open, pending, resolved, closed",
            "2 type: unknown value 'letter'; expected one of support_ticket, chat, call,"
                + " email_reply, campaign_response, social_mention");
  }

  @Test
  void rowsWithTheWrongNumberOfCellsOrBlankRowsAreReportedOrSkipped() {
    ImportJob job =
        run(
            ImportKind.PRODUCTS,
            "sku,name,category,price\n"
                + "A,Shoe,Shoes,1\n"
                + "B,Sock,Socks,1,extra\n"
                + ",,,\n\n"
                + "C,Hat\n"
                + "D,Cap,Hats,2\n");
    assertThat(job.totalRows()).isEqualTo(6);
    assertThat(job.inserted()).isEqualTo(2);
    assertThat(job.rejected()).isEqualTo(2);
    assertThat(job.skipped()).isEqualTo(2);
    assertThat(reasons(job.id()))
        .containsExactly(
            "3 (row): has 5 cells but the header has 4 columns",
            "6 (row): has 2 cells but the header has 4 columns");
  }

  // ---- The file as a whole ----

  @Test
  void anUnknownColumnRejectsTheWholeFileNamingIt() {
    assertThatThrownBy(
            () ->
                imports.stage(
                    ImportKind.CUSTOMERS,
                    csv("emial,first_name,attr_size\nada@example.com,Ada,M\n"),
                    "typo.csv",
                    "tester"))
        .isInstanceOfSatisfying(
            ImportRejectedException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("unknown column 'emial' (did you mean 'email'?)")
                  .contains("missing required column 'email'")
                  .doesNotContain("attr_size'");
              assertThat(e.columns()).containsExactly("emial", "email");
              assertThat(e.jobId()).isPresent();
              ImportJob rejected = imports.job(e.jobId().orElseThrow());
              assertThat(rejected.status()).isEqualTo(ImportJob.Status.REJECTED);
              assertThat(rejected.message()).isEqualTo(e.getMessage());
              assertThat(rejected.fileName()).isEqualTo("typo.csv");
              assertThat(rejected.columns()).containsExactly("emial", "first_name", "attr_size");
              assertThat(rejected.finishedAt()).isEqualTo(NOW);
              assertThatThrownBy(() -> imports.markRunning(rejected.id()))
                  .isInstanceOf(IllegalStateException.class);
            });
    assertThat(count("import_chunks")).isZero();
    assertThat(count("customers")).isZero();

    assertThatThrownBy(
            () ->
                imports.stage(
                    ImportKind.PRODUCTS, csv("sku,Name,name,category,attr_x,\n"), "dup.csv", null))
        .isInstanceOf(ImportRejectedException.class)
        .hasMessageContaining("duplicate column 'name'")
        .hasMessageContaining("missing required column 'price'")
        .hasMessageContaining("column 'attr_x': attr_* columns are only allowed in customer files")
        .hasMessageContaining("column 6 has no name");
  }

  @Test
  void malformedOrNonUtf8FilesAreRejectedWithTheLine() {
    assertThatThrownBy(
            () ->
                imports.stage(
                    ImportKind.PRODUCTS,
                    csv(
                        "sku,name,category,price\n"
                            + "A,Shoe,Shoes,1\n"
                            + "B,\"Sock,Socks,1\n"
                            + "C,Hat,Hats,1\n"),
                    "broken.csv",
                    null))
        .isInstanceOf(ImportRejectedException.class)
        .hasMessageContaining("not valid CSV")
        .hasMessageContaining("3");
    assertThatThrownBy(
            () ->
                imports.stage(
                    ImportKind.PRODUCTS,
                    csv("sku,name,category,price\nA,\"Shoe\"x,Shoes,1\n"),
                    "broken.csv",
                    null))
        .isInstanceOf(ImportRejectedException.class)
        .hasMessageContaining("line: 2");
    byte[] latin1 =
        "sku,name,category,price\nA,Bücher,Books,1\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(
            () ->
                imports.stage(
                    ImportKind.PRODUCTS, new ByteArrayInputStream(latin1), "latin1.csv", null))
        .isInstanceOf(ImportRejectedException.class)
        .hasMessageContaining("not valid UTF-8 (line 2)");
    byte[] utf16 = "sku,name,category,price\n".getBytes(StandardCharsets.UTF_16);
    assertThatThrownBy(
            () -> imports.stage(ImportKind.PRODUCTS, new ByteArrayInputStream(utf16), null, null))
        .isInstanceOf(ImportRejectedException.class)
        .hasMessageContaining("UTF-16");
    assertThatThrownBy(
            () ->
                imports.stage(
                    ImportKind.PRODUCTS,
                    csv("sku,name,category,price\nA,Shoe,Shoes,1\nB,S\0ck,Socks,1\n"),
                    "binary\0.csv",
                    null))
        .isInstanceOf(ImportRejectedException.class)
        .hasMessageContaining("contains a NUL character (line 3)");
    assertThat(count("import_chunks")).isZero();
    assertThat(count("import_jobs where status = 'rejected'")).isEqualTo(5);
    assertThat(count("products")).isZero();
  }

  @Test
  void anEmptyFileOrAHeaderWithoutRowsIsAJobWithNoRows() {
    for (String content : List.of("", "\uFEFF", "sku,name,category,price\n", "\n\n")) {
      ImportJob job = run(ImportKind.PRODUCTS, content);
      assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
      assertThat(job.totalRows()).isZero();
      assertThat(job.chunkCount()).isZero();
      assertThat(job.processedRows()).isZero();
    }
  }

  @Test
  void quotedCellsWithCommasNewlinesAndQuotesAndAUtf8BomWork() {
    String file =
        "\uFEFFemail,first_name,last_name,city,address,attr_note\r\n"
            + "zoe@example.com,Zoë,\"O'Brien, Jr.\",Zürich,\"Main St 1\n"
            + "Floor 2\",\"she said \"\"hi\"\"\"\r\n"
            + "\"multi@example.com\",\"Multi\",\"Line\",,\"a\r\n"
            + "b\r\n"
            + "c\",\n"
            + "bad-after-multiline,X,,,,\n";
    ImportJob job = run(ImportKind.CUSTOMERS, file);
    assertThat(job.columns())
        .containsExactly("email", "first_name", "last_name", "city", "address", "attr_note");
    assertThat(job.inserted()).isEqualTo(2);
    Map<String, Object> zoe =
        db.queryForMap("select * from customers where email = 'zoe@example.com'");
    assertThat(zoe)
        .containsEntry("first_name", "Zoë")
        .containsEntry("last_name", "O'Brien, Jr.")
        .containsEntry("city", "Zürich")
        .containsEntry("address", "Main St 1\nFloor 2");
    assertThat(text("select attributes ->> 'note' from customers where email = 'zoe@example.com'"))
        .isEqualTo("she said \"hi\"");
    assertThat(text("select address from customers where email = 'multi@example.com'"))
        .isEqualTo("a\r\nb\r\nc");
    // A record spanning lines is one spreadsheet row.
    assertThat(reasons(job.id()))
        .containsExactly("4 email: 'bad-after-multiline' is not a valid email address");
  }

  // ---- Idempotency ----

  @Test
  void reimportingTheSameFilesChangesNothing() {
    importStore();
    String before = digestOfStore();
    long events = count("consent_events");
    for (Map.Entry<ImportKind, String> file :
        Map.of(
                ImportKind.CUSTOMERS, CUSTOMERS,
                ImportKind.PRODUCTS, PRODUCTS,
                ImportKind.ORDERS, ORDERS,
                ImportKind.ORDER_ITEMS, ORDER_ITEMS,
                ImportKind.REVIEWS, REVIEWS,
                ImportKind.INTERACTIONS, INTERACTIONS)
            .entrySet()) {
      ImportJob again = run(file.getKey(), file.getValue());
      assertThat(again.inserted()).as(file.getKey().path()).isZero();
      assertThat(again.updated()).as(file.getKey().path()).isZero();
      assertThat(again.rejected()).as(file.getKey().path()).isZero();
      assertThat(again.unchanged()).as(file.getKey().path()).isEqualTo(again.totalRows());
    }
    assertThat(digestOfStore()).isEqualTo(before);
    assertThat(count("consent_events")).isEqualTo(events);
  }

  @Test
  void emptyCellsClearTheirColumnAbsentColumnsAreKeptAndConsentChangesAreRecorded() {
    run(ImportKind.CUSTOMERS, CUSTOMERS);
    String adaUuid =
        text("select customer_uuid::text from customers where email = 'ada@example.com'");
    ImportJob update =
        run(
            ImportKind.CUSTOMERS,
            """
            email,first_name,city,status,email_opt_in,sms_opt_in,tags,attr_favourite_colour,attr_shoe_size
            ada@example.com,Ada,,,false,true,,,38
            bob@example.com,Bob,New York,banned,,,,,
            """);
    assertThat(update.updated()).isEqualTo(2);
    Map<String, Object> ada =
        db.queryForMap("select * from customers where email = 'ada@example.com'");
    assertThat(ada)
        .containsEntry("customer_uuid", UUID.fromString(adaUuid))
        .containsEntry("city", null)
        .containsEntry("last_name", "Lovelace")
        .containsEntry("phone", "+442079460958")
        .containsEntry("status", "active")
        .containsEntry("email_opt_in", false)
        .containsEntry("sms_opt_in", true)
        .containsEntry("version", 1);
    assertThat(instant(ada.get("email_consent_at"))).isEqualTo(NOW);
    assertThat(instant(ada.get("sms_consent_at"))).isEqualTo(NOW);
    assertThat(
            text(
                "select array_length(tags, 1)::text from customers where email ="
                    + " 'ada@example.com'"))
        .isNull();
    assertThat(text("select attributes::text from customers where email = 'ada@example.com'"))
        .isEqualTo("{\"shoe_size\": \"38\"}");
    assertThat(
            db.queryForList(
                "select channel || ' ' || opted_in from consent_events"
                    + " where customer_uuid = ?::uuid order by id",
                String.class,
                adaUuid))
        .containsExactly("email true", "email false", "sms true");
    assertThat(
            text(
                "select status || ' ' || sms_opt_in from customers where email ="
                    + " 'bob@example.com'"))
        .isEqualTo("banned true");
  }

  @Test
  void applyingAChunkTwiceOrConcurrentlyGivesTheSameStateAndRecordsOnce() throws Exception {
    String file =
        "email,first_name,year_of_birth\na@example.com,A,1980\nb@example.com,B,1850\nbad,C,\n";
    ImportJob job = imports.stage(ImportKind.CUSTOMERS, csv(file), "twice.csv", null);
    ChunkOutcome first = imports.applyChunk(job.id(), 0);
    String state = digestOfStore();
    long rejections = count("import_rejections");
    ChunkOutcome second = imports.applyChunk(job.id(), 0);
    assertThat(second).isEqualTo(first);
    assertThat(first.inserted()).isEqualTo(1);
    assertThat(first.rejected()).isEqualTo(2);
    assertThat(rejections).isEqualTo(2);
    assertThat(count("import_rejections")).isEqualTo(rejections);
    assertThat(digestOfStore()).isEqualTo(state);
    assertThat(imports.job(job.id()).rejected()).isEqualTo(2);

    // Two workers racing for the same chunk: one applies it, the other gets its outcome.
    ImportJob raced =
        imports.stage(ImportKind.CUSTOMERS, csv(file.replace("@", "+r@")), null, null);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<ChunkOutcome>> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      workers.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                return imports.applyChunk(raced.id(), 0);
              }));
    }
    start.countDown();
    assertThat(workers.get(0).get()).isEqualTo(workers.get(1).get());
    assertThat(imports.job(raced.id()).inserted()).isEqualTo(1);
    assertThat(count("import_rejections where job_id = '" + raced.id() + "'")).isEqualTo(2);
  }

  @Test
  void aKeyRepeatedInOneFileIsAppliedInFileOrder() {
    ImportJob job =
        run(
            ImportKind.CUSTOMERS,
            "email,first_name,city\nrep@example.com,First,Rome\nREP@example.com,Second,Paris\n"
                + "rep@example.com,Second,Paris\n");
    assertThat(job.inserted()).isEqualTo(1);
    assertThat(job.updated()).isEqualTo(1);
    assertThat(job.unchanged()).isEqualTo(1);
    assertThat(text("select first_name || ' ' || city from customers")).isEqualTo("Second Paris");
  }

  // ---- Chunks ----

  @Test
  void aLargeFileIsSplitIntoChunksWithCorrectRowNumbers() {
    int rows = 12_001;
    StringBuilder file = new StringBuilder("email,first_name,year_of_birth\n");
    List<Integer> bad = List.of(1, 5_000, 5_001, 10_000, 12_001);
    for (int i = 1; i <= rows; i++) {
      file.append("c")
          .append(i)
          .append("@example.com,C")
          .append(i)
          .append(',')
          .append(bad.contains(i) ? "1800" : "1990")
          .append('\n');
    }
    ImportJobs small = imports(5_000);
    ImportJob job = small.stage(ImportKind.CUSTOMERS, csv(file.toString()), "big.csv", null);
    assertThat(job.totalRows()).isEqualTo(rows);
    assertThat(job.chunkCount()).isEqualTo(3);
    assertThat(
            db.queryForList(
                "select chunk_number || ' ' || first_row || ' ' || row_count from import_chunks"
                    + " order by chunk_number",
                String.class))
        .containsExactly("0 2 5000", "1 5002 5000", "2 10002 2001");
    // Chunks are independent: any order works.
    List<ChunkOutcome> outcomes = new ArrayList<>();
    for (int chunk = 2; chunk >= 0; chunk--) {
      outcomes.add(small.applyChunk(job.id(), chunk));
    }
    assertThat(outcomes).extracting(ChunkOutcome::rejected).containsExactly(1, 2, 2);
    small.markCompleted(job.id());
    ImportJob done = small.job(job.id());
    assertThat(done.inserted()).isEqualTo(rows - bad.size());
    assertThat(done.rejected()).isEqualTo(bad.size());
    assertThat(count("customers")).isEqualTo(rows - bad.size());
    assertThat(
            db.queryForList(
                "select row_number || ' ' || raw[1] from import_rejections order by row_number",
                String.class))
        .containsExactly(
            "2 c1@example.com",
            "5001 c5000@example.com",
            "5002 c5001@example.com",
            "10001 c10000@example.com",
            "12002 c12001@example.com");
  }

  // ---- Customer metrics ----

  @Test
  void ordersKeepCustomerMetricsEqualToARecomputationFromOrders() {
    importStore();
    assertAggregatesMatchOrders();
    long bobVersion =
        db.queryForObject(
            "select version from customers where email = 'bob@example.com'", Long.class);

    // O-2 is cancelled, O-5 moves from Bob to Carla, O-7 is new for Carla.
    ImportJob changes =
        run(
            ImportKind.ORDERS,
            """
            order_id,customer_email,ordered_at,status,total
            O-2,ada@example.com,2026-03-05T18:30:00Z,cancelled,120.00
            O-5,carla@example.de,2026-06-01T12:00:00Z,shipped,33.33
            O-7,carla@example.de,2026-08-01T12:00:00Z,delivered,100.01
            O-1,ada@example.com,2026-01-10T09:00:00Z,delivered,89.90
            """);
    assertThat(changes.inserted()).isEqualTo(1);
    assertThat(changes.updated()).isEqualTo(2);
    assertThat(changes.unchanged()).isEqualTo(1);
    assertAggregatesMatchOrders();
    assertThat(
            db.queryForList(
                "select email || ' ' || total_spent || ' ' || order_count || ' '"
                    + " || coalesce(average_order_value::text, '-') from customers order by email",
                String.class))
        .containsExactly(
            "ada@example.com 89.90 1 89.90",
            "bob@example.com 33.33 1 33.33",
            "carla@example.de 133.34 2 66.67");
    assertThat(
            db.queryForObject(
                "select version from customers where email = 'bob@example.com'", Long.class))
        .isEqualTo(bobVersion + 1);

    // Refresh is a no-op when the metrics are right.
    String before = digestOfStore();
    aggregates.refresh(db.queryForList("select customer_uuid from customers", UUID.class));
    assertThat(digestOfStore()).isEqualTo(before);
  }

  // ---- Report ----

  @Test
  void theRejectionsReportHoldsEveryBadValueWithTheOriginalRow() throws IOException {
    ImportJob job =
        run(
            ImportKind.PRODUCTS,
            "SKU,name,category,price,active\n"
                + "A,Shoe,Shoes,1,true\n"
                + "B,\"Sock, wool\",,-1,maybe\n"
                + "C,Hat,Hats,x,\n");
    StringWriter out = new StringWriter();
    imports.writeRejections(job.id(), out);
    List<CSVRecord> records;
    try (CSVParser parser = CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180)) {
      records = parser.getRecords();
    }
    assertThat(records.getFirst().toList())
        .containsExactly(
            "row_number", "column", "reason", "SKU", "name", "category", "price", "active");
    assertThat(records.stream().skip(1).map(r -> r.get(0) + " " + r.get(1)).toList())
        .containsExactly("3 category", "3 price", "3 active", "4 price");
    assertThat(records.get(1).toList())
        .containsExactly("3", "category", "is required", "B", "Sock, wool", "", "-1", "maybe");
    assertThat(records.get(4).toList().subList(3, 8)).containsExactly("C", "Hat", "Hats", "x", "");
  }

  // ---- Kinds ----

  @Test
  void kindsHaveTheirPathWords() {
    assertThat(ImportKind.fromPath("order-items")).isEqualTo(ImportKind.ORDER_ITEMS);
    assertThat(ImportKind.fromPath(" Customers ")).isEqualTo(ImportKind.CUSTOMERS);
    assertThat(ImportKind.INTERACTIONS.path()).isEqualTo("interactions");
    assertThatThrownBy(() -> ImportKind.fromPath("order_items"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customers, products, orders, order-items, reviews, interactions");
  }

  // ---- Chunks side by side ----

  @Test
  void stagingRecordsHowManyChunksBeforeEachShareNoKeyWithIt() {
    ImportJob job =
        imports(2)
            .stage(
                ImportKind.CUSTOMERS,
                csv(
                    """
                    email,first_name
                    a@example.com,A
                    b@example.com,B
                    c@example.com,C
                    d@example.com,D
                    e@example.com,E
                     A@Example.COM ,A again
                    f@example.com,F
                    g@example.com,G
                    h@example.com,H
                    i@example.com,I
                    j@example.com,J
                    c@example.com,C again
                    """),
                null,
                null);

    // Chunk 2 repeats chunk 0's key (case and spaces aside), chunk 5 repeats chunk 1's; chunk 4
    // shares nothing with the four before it, as far back as the window reaches.
    assertThat(imports.freeBehind(job.id(), 0, 6)).containsExactly(0, 1, 1, 3, 4, 3);
    assertThat(imports.freeBehind(job.id(), 2, 4)).containsExactly(1, 3);
    assertThat(imports.freeBehind(job.id(), 5, 99)).containsExactly(3);
  }

  @Test
  void chunksAppliedSideBySideGiveTheStoreThatFileOrderGives() {
    StringBuilder customers = new StringBuilder("email,first_name,city\n");
    StringBuilder orders = new StringBuilder("order_id,customer_email,ordered_at,status,total\n");
    for (int i = 0; i < 60; i++) {
      customers.append("p").append(i % 40).append("@example.com,P").append(i).append(",City ");
      customers.append(i).append('\n');
      for (int o = 0; o < 3; o++) {
        // Every customer's orders are spread over several chunks; order ids repeat now and then.
        int order = i * 3 + o;
        orders
            .append("PO-")
            .append(order % 150)
            .append(",p")
            .append((i * 7 + o) % 40)
            .append("@example.com,2026-0")
            .append(1 + o)
            .append("-1")
            .append(i % 10)
            .append("T10:00:00Z,")
            .append(o == 2 && i % 4 == 0 ? "cancelled" : "paid")
            .append(',')
            .append(10 + i + o)
            .append('\n');
      }
    }
    ImportJobs small = imports(7);
    ChunkRunner.applyAll(
        small,
        small.stage(ImportKind.CUSTOMERS, csv(customers.toString()), null, null).id(),
        1,
        done -> {});
    ChunkRunner.applyAll(
        small,
        small.stage(ImportKind.ORDERS, csv(orders.toString()), null, null).id(),
        1,
        done -> {});
    String inFileOrder = digestWithoutIds();

    emptyTables();
    ImportJob customerJob =
        small.stage(ImportKind.CUSTOMERS, csv(customers.toString()), null, null);
    assertThat(small.freeBehind(customerJob.id(), 0, customerJob.chunkCount()))
        .as("some chunks may run side by side, some may not")
        .contains(0)
        .anyMatch(free -> free > 0);
    ChunkRunner.applyAll(small, customerJob.id(), 3, done -> {});
    ImportJob orderJob = small.stage(ImportKind.ORDERS, csv(orders.toString()), null, null);
    ChunkRunner.applyAll(small, orderJob.id(), 3, done -> {});

    assertThat(digestWithoutIds()).isEqualTo(inFileOrder);
    assertAggregatesMatchOrders();
  }

  @Test
  void ordersCommittedWhileAChunkWaitsForTheirCustomerCountInItsMetrics() throws Exception {
    run(ImportKind.CUSTOMERS, "email,first_name\nrace@example.com,Race\n");
    UUID customer =
        db.queryForObject(
            "select customer_uuid from customers where email = 'race@example.com'", UUID.class);
    ImportJob job =
        imports.stage(
            ImportKind.ORDERS,
            csv(
                "order_id,customer_email,ordered_at,status,total\n"
                    + "R-2,race@example.com,2026-02-01T00:00:00Z,paid,20\n"),
            null,
            null);
    // Another writer (another chunk, say) holds the customer, its own order not yet committed.
    try (Connection other = database.dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement insert =
              other.prepareStatement(
                  "insert into orders (order_id, customer_uuid, ordered_at, status, total,"
                      + " currency) values ('R-1', ?, '2026-01-01T00:00:00Z', 'paid', 10, 'USD')");
          PreparedStatement lock =
              other.prepareStatement(
                  "select 1 from customers where customer_uuid = ? for no key update")) {
        insert.setObject(1, customer);
        insert.executeUpdate();
        lock.setObject(1, customer);
        lock.executeQuery().close();
      }
      CompletableFuture<ChunkOutcome> chunk =
          CompletableFuture.supplyAsync(() -> imports.applyChunk(job.id(), 0));
      awaitABackendWaitingForALock();
      other.commit();
      assertThat(chunk.get(60, TimeUnit.SECONDS).inserted()).isEqualTo(1);
    }

    assertThat(
            text(
                "select order_count || ' ' || total_spent from customers"
                    + " where email = 'race@example.com'"))
        .isEqualTo("2 30.00");
    assertAggregatesMatchOrders();
  }

  private void awaitABackendWaitingForALock() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count("pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the chunk never waited for the customer's lock");
      }
      Thread.sleep(10);
    }
  }

  /** The store's rows without the random customer ids. */
  private String digestWithoutIds() {
    return text(
            "select md5(string_agg(c::text, '|' order by c.email)) from (select email,"
                + " first_name, city, total_spent, order_count, first_order_at, last_order_at,"
                + " average_order_value from customers) c")
        + text(
            "select md5(string_agg(o::text, '|' order by o.order_id)) from (select o.order_id,"
                + " c.email, o.ordered_at, o.status, o.total from orders o join customers c using"
                + " (customer_uuid)) o");
  }

  // ---- Helpers ----

  /** Stages a file and runs it to completion the way the workflow will. */
  private ImportJob run(ImportKind kind, String content) {
    ImportJob job = imports.stage(kind, csv(content), kind.path() + ".csv", "test");
    imports.markRunning(job.id());
    for (int chunk = 0; chunk < imports.chunkCount(job.id()); chunk++) {
      imports.applyChunk(job.id(), chunk);
    }
    imports.markCompleted(job.id());
    ImportJob done = imports.job(job.id());
    assertThat(done.processedRows()).isEqualTo(done.totalRows());
    return done;
  }

  private static ByteArrayInputStream csv(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> reasons(UUID jobId) {
    return db.queryForList(
        "select row_number || ' ' || column_name || ': ' || reason from import_rejections"
            + " where job_id = ? order by row_number, column_name",
        String.class,
        jobId);
  }

  private void assertAggregatesMatchOrders() {
    assertThat(
            count(
                """
                customers c
                  left join lateral (
                    select coalesce(sum(total), 0) as spent, count(*)::integer as n,
                           min(ordered_at) as first_at, max(ordered_at) as last_at
                      from orders o
                     where o.customer_uuid = c.customer_uuid
                       and o.status not in ('cancelled', 'refunded')) o on true
                 where (c.total_spent, c.order_count, c.first_order_at, c.last_order_at,
                        c.average_order_value)
                       is distinct from
                       (o.spent, o.n, o.first_at, o.last_at,
                        case when o.n > 0 then round(o.spent / o.n, 2) end)
                """))
        .isZero();
  }

  private String digestOfStore() {
    StringBuilder digest = new StringBuilder();
    for (String table :
        List.of(
            "customers",
            "consent_events",
            "products",
            "orders",
            "order_items",
            "reviews",
            "interactions")) {
      digest.append(
          text(
              "select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from "
                  + table
                  + " t"));
    }
    return digest.toString();
  }

  private long count(String from) {
    return db.queryForObject("select count(*) from " + from, Long.class);
  }

  private String text(String sql) {
    return db.queryForObject(sql, String.class);
  }

  private static Instant instant(Object value) {
    return value == null
        ? null
        : value instanceof OffsetDateTime offset
            ? offset.toInstant()
            : ((java.sql.Timestamp) value).toInstant();
  }

  @Test
  void arrayLiteralsSurviveTheRoundTrip() {
    List<String> tags = List.of("a", "b \"c\"", "d\\e", "{f,g}", "NULL", "ü");
    assertThat(
            db.queryForObject(
                "select array_to_string(?::text[], '|')", String.class, Inputs.textArray(tags)))
        .isEqualTo(String.join("|", tags));
  }
}
