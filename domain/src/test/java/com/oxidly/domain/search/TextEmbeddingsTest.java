package com.oxidly.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.ai.AiProperties;
import com.oxidly.domain.ai.LanguageModelException;
import com.oxidly.domain.ai.LanguageModelTestAccess;
import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Embedding what customers wrote: once per text, again after an edit, nothing lost on failure. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextEmbeddingsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
  private static final int REVIEWS = 100;
  private static final int INTERACTIONS = 40;

  private final OpenAiStandIn standIn = new OpenAiStandIn();
  private TestDatabase database;
  private JdbcTemplate db;
  private TextEmbeddings embeddings;

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_embed_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    db = database.jdbc();
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    embeddings =
        new TextEmbeddings(
            db,
            tx,
            LanguageModelTestAccess.openAi(standIn.baseUrl()),
            AiProperties.at(standIn.baseUrl(), "stand-in-model", Duration.ofSeconds(20)),
            CLOCK,
            0.45);
  }

  @AfterAll
  void dropDatabase() {
    standIn.close();
    database.drop();
  }

  @BeforeEach
  void store() {
    standIn.reset();
    db.update("delete from customers");
    db.update("delete from products");
    db.update(
        "insert into products (sku, name, category, price) values ('SKU-1', 'Kettle', 'Kitchen',"
            + " 30)");
    UUID customer = UUID.randomUUID();
    db.update(
        "insert into customers (customer_uuid, email, first_name, signup_date) values (?, ?, ?,"
            + " now())",
        customer,
        "writer@example.com",
        "Wren");
    for (int i = 0; i < REVIEWS; i++) {
      db.update(
          "insert into reviews (review_id, customer_uuid, sku, rating, title, body, created_at)"
              + " values (?, ?, 'SKU-1', 4, ?, ?, now())",
          "R" + i,
          customer,
          i % 2 == 0 ? "Review " + i : null,
          "kettle boils fast " + i);
    }
    // A review with neither title nor body has nothing to embed and is never pending.
    db.update(
        "insert into reviews (review_id, customer_uuid, sku, rating, created_at)"
            + " values ('R-empty', ?, 'SKU-1', 5, now())",
        customer);
    for (int i = 0; i < INTERACTIONS; i++) {
      db.update(
          "insert into interactions (interaction_id, customer_uuid, type, subject, body,"
              + " created_at) values (?, ?, 'support_ticket', 'Late parcel', ?, now())",
          "T" + i,
          customer,
          "where is my order " + i);
    }
  }

  @Test
  void embedsEveryTextOnceInBatchesAndStoresVectorsOfTheModelsLength() {
    assertThat(embeddings.pending()).isEqualTo(REVIEWS + INTERACTIONS);

    int total = 0;
    int embedded;
    while ((embedded = embeddings.embedPending()) > 0) {
      assertThat(embedded).isLessThanOrEqualTo(TextEmbeddings.BATCH);
      total += embedded;
    }

    assertThat(total).isEqualTo(REVIEWS + INTERACTIONS);
    assertThat(embeddings.pending()).isZero();
    assertThat(standIn.embeddingRequests()).hasSize(3);
    assertThat(standIn.embeddingRequests().getFirst().get("dimensions").asInt()).isEqualTo(256);
    assertThat(
            db.queryForObject(
                "select count(*) from text_embeddings where array_length(vector, 1) = 256"
                    + " and embedding_key = 'text-embedding-3-small@256'",
                Long.class))
        .isEqualTo(REVIEWS + INTERACTIONS);
    float[] stored =
        db.queryForObject(
            "select vector from text_embeddings where source_kind = 'interaction'"
                + " and source_id = 'T7'",
            (row, n) -> TextEmbeddings.vector(row.getArray(1)));
    assertThat(stored).containsExactly(standIn.vector("Late parcel where is my order 7", 256));

    assertThat(embeddings.embedPending()).isZero();
    assertThat(standIn.embeddingRequests()).as("nothing is sent twice").hasSize(3);
  }

  @Test
  void anEditedTextIsEmbeddedAgainAndADeletedOneTakesItsVectorAlong() {
    drainAll();
    db.update("update reviews set body = 'the lid broke' where review_id = 'R3'");
    db.update("delete from interactions where interaction_id = 'T5'");

    assertThat(embeddings.pending()).isOne();
    assertThat(embeddings.embedPending()).isOne();
    assertThat(standIn.embeddingRequests().getLast().get("input").get(0).asString())
        .isEqualTo("the lid broke");
    assertThat(
            db.queryForObject(
                "select count(*) from text_embeddings where source_id = 'T5'", Long.class))
        .isZero();
    assertThat(db.queryForObject("select count(*) from text_embeddings", Long.class))
        .isEqualTo(REVIEWS + INTERACTIONS - 1);
  }

  @Test
  void aFailingModelStoresNothingAndLeavesEveryTextPending() {
    standIn.failEmbeddings(true);

    assertThatThrownBy(embeddings::embedPending)
        .isInstanceOf(LanguageModelException.class)
        .hasMessageContaining("embedding model");

    assertThat(db.queryForObject("select count(*) from text_embeddings", Long.class)).isZero();
    assertThat(embeddings.pending()).isEqualTo(REVIEWS + INTERACTIONS);
    standIn.failEmbeddings(false);
    drainAll();
    assertThat(embeddings.pending()).isZero();
  }

  @Test
  void newVectorsQueueTheirCustomerForTheIndex() {
    db.update("delete from customer_index_outbox");

    embeddings.embedPending();

    assertThat(db.queryForObject("select count(*) from customer_index_outbox", Long.class))
        .isPositive();
  }

  private void drainAll() {
    while (embeddings.embedPending() > 0) {
      // until nothing is pending
    }
  }
}
