package com.oxidly.domain.persona;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.ai.LanguageModelTestAccess;
import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.OpenAiStandIn.Reply;
import com.oxidly.domain.testing.TestDatabase;
import com.oxidly.domain.time.StoreTimeZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import tools.jackson.databind.JsonNode;

/**
 * Personas on a throwaway PostgreSQL database with four planted groups of customers: the silhouette
 * finds four, the assignment recovers the groups, names say what sets them apart, and a language
 * model names them when it answers well.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonasTest {

  private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  private static final int PER_GROUP = 60;

  private TestDatabase database;
  private JdbcTemplate db;
  private final OpenAiStandIn standIn = new OpenAiStandIn();

  /** The planted group of every customer. */
  private final Map<UUID, String> planted = new HashMap<>();

  private final List<Object[]> customers = new ArrayList<>();
  private final List<Object[]> orders = new ArrayList<>();
  private final List<Object[]> items = new ArrayList<>();

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_personas_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    db = database.jdbc();
    plantGroups(new Random(42));
  }

  @AfterAll
  void dropDatabase() {
    standIn.close();
    if (database != null) {
      database.drop();
    }
  }

  @BeforeEach
  void resetModel() {
    standIn.reset();
  }

  private Personas personas(LanguageModel model) {
    return new Personas(
        db,
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new StoreTimeZone(ZoneOffset.UTC),
        new PersonaProperties(3, 8, 20_000, 4_000, 3, 7L),
        model);
  }

  @Test
  void theSilhouettePicksThePlantedFourAndAssignmentRecoversTheGroups() {
    Personas personas = personas(LanguageModelTestAccess.none());

    long version = personas.fit().orElseThrow();
    assignEveryone(personas, version, 70);
    personas.finish(version);

    PersonaModel model = personas.current().orElseThrow();
    assertThat(model.version()).isEqualTo(version);
    assertThat(model.k()).as("silhouettes %s", model.silhouettes()).isEqualTo(4);
    assertThat(model.silhouette()).isGreaterThan(0.25);
    assertThat(model.namedBy()).isEqualTo("local");
    assertThat(model.personas()).extracting(Persona::size).containsOnly((long) PER_GROUP);
    assertThat(model.personas().stream().mapToDouble(Persona::share).sum())
        .isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));

    List<UUID> customers = new ArrayList<>(planted.keySet());
    String[] truth = customers.stream().map(planted::get).toArray(String[]::new);
    Long[] found =
        customers.stream()
            .map(
                c ->
                    db.queryForObject(
                        "select persona_id from customers where customer_uuid = ?", Long.class, c))
            .toArray(Long[]::new);
    assertThat(AdjustedRandIndex.of(truth, found)).isGreaterThanOrEqualTo(0.8);
    assertThat(
            db.queryForObject(
                "select count(*) from customers c join personas p on p.id = c.persona_id"
                    + " where c.persona = p.name",
                Long.class))
        .as("customers carry their persona's name for the index and queries")
        .isEqualTo(4L * PER_GROUP);
  }

  @Test
  void namesAreUniqueDeterministicAndSayWhatSetsEachPersonaApart() {
    Personas personas = personas(LanguageModelTestAccess.none());
    List<String> first = names(personas, personas.fit().orElseThrow());
    List<String> second = names(personas, personas.fit().orElseThrow());

    assertThat(second).as("same data, same seed, same personas").isEqualTo(first);
    assertThat(first.stream().map(String::toLowerCase).distinct()).hasSize(first.size());
    assertThat(first)
        .anySatisfy(name -> assertThat(name).endsWith("coffee lovers"))
        .anySatisfy(name -> assertThat(name).endsWith("browsers"))
        .anySatisfy(name -> assertThat(name).containsIgnoringCase("lapsed"));
    PersonaModel model = personas.model(personas.fit().orElseThrow()).orElseThrow();
    for (Persona persona : model.personas()) {
      assertThat(persona.description().split("(?<=[.!?])\\s+")).hasSize(2);
      assertThat(persona.traits()).isNotEmpty();
      assertThat(Math.abs(persona.traits().getFirst().deviation()))
          .as("the most distinctive trait comes first")
          .isGreaterThanOrEqualTo(Math.abs(persona.traits().getLast().deviation()));
    }
  }

  @Test
  void aSecondAssignmentPassChangesNothing() {
    Personas personas = personas(LanguageModelTestAccess.none());
    long version = personas.fit().orElseThrow();
    assignEveryone(personas, version, 50);
    db.update("truncate customer_index_outbox");

    long changed = assignEveryone(personas, version, 50);

    assertThat(changed).isZero();
    assertThat(db.queryForObject("select count(*) from customer_index_outbox", Long.class))
        .isZero();
  }

  @Test
  void aConfiguredModelNamesThePersonasWhenItsAnswerIsUsable() {
    standIn.answerWith(request -> Reply.content(namesFor(request, "Tribe %d", true)));
    Personas personas = personas(LanguageModelTestAccess.openAi(standIn.baseUrl()));

    PersonaModel model = personas.model(personas.fit().orElseThrow()).orElseThrow();

    assertThat(model.namedBy()).isEqualTo("stand-in-model");
    assertThat(model.personas()).extracting(Persona::name).allMatch(n -> n.startsWith("Tribe "));
    assertThat(model.personas().getFirst().description())
        .isEqualTo("They are tribe members. They act together.");
    String asked = standIn.requests().getFirst().toString();
    assertThat(asked).contains("suggested_name").contains("coffee lovers").contains("deviation");
  }

  @Test
  void aBrokenOrUnusableModelLeavesTheLocalNames() {
    List<String> local =
        names(
            personas(LanguageModelTestAccess.none()),
            personas(LanguageModelTestAccess.none()).fit().orElseThrow());
    Personas personas = personas(LanguageModelTestAccess.openAi(standIn.baseUrl()));

    standIn.answerWith(request -> Reply.error(500));
    assertThat(personas.model(personas.fit().orElseThrow()).orElseThrow().namedBy())
        .isEqualTo("local");

    // Every persona the same name: refused as a whole.
    standIn.answerWith(request -> Reply.content(namesFor(request, "Everyone", true)));
    long sameNames = personas.fit().orElseThrow();
    assertThat(names(personas, sameNames)).isEqualTo(local);

    // One-sentence descriptions: refused too.
    standIn.answerWith(request -> Reply.content(namesFor(request, "Tribe %d", false)));
    long oneSentence = personas.fit().orElseThrow();
    assertThat(names(personas, oneSentence)).isEqualTo(local);
    assertThat(personas.model(oneSentence).orElseThrow().namedBy()).isEqualTo("local");

    standIn.answerWith(request -> Reply.refusal("no"));
    assertThat(names(personas, personas.fit().orElseThrow())).isEqualTo(local);
  }

  private static String namesFor(JsonNode request, String pattern, boolean twoSentences) {
    String input = request.path("messages").get(1).path("content").asString();
    int count =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(input)
            .path("personas")
            .size();
    List<Map<String, Object>> personas = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      personas.add(
          Map.of(
              "index",
              i,
              "name",
              pattern.formatted(i + 1),
              "description",
              twoSentences ? "They are tribe members. They act together." : "They are a tribe."));
    }
    return tools.jackson.databind.json.JsonMapper.builder()
        .build()
        .writeValueAsString(Map.of("personas", personas));
  }

  /** Names of a model's personas in ordinal order (stable across fits of the same data). */
  private List<String> names(Personas personas, long version) {
    return db.queryForList(
        "select name from personas where model_version = ? order by ordinal",
        String.class,
        version);
  }

  private long assignEveryone(Personas personas, long version, int pageSize) {
    long changed = 0;
    UUID after = null;
    while (true) {
      Personas.AssignedPage page = personas.assignPage(version, after, pageSize);
      changed += page.changed();
      if (page.last()) {
        return changed;
      }
      after = page.lastUuid();
    }
  }

  /**
   * Four groups: recent big-spending coffee lovers, lapsed one-time book buyers, young
   * SMS-subscribed toy buyers, and browsers who never ordered (no age given, nothing scored).
   */
  private void plantGroups(Random random) {
    for (String[] product :
        new String[][] {
          {"C1", "Espresso beans", "Coffee"},
          {"C2", "Grinder", "Coffee"},
          {"B1", "Novel", "Books"},
          {"T1", "Puzzle", "Toys"},
          {"T2", "Robot", "Toys"},
          {"G1", "Rake", "Garden"}
        }) {
      db.update(
          "insert into products (sku, name, category, price) values (?, ?, ?, 10)",
          product[0],
          product[1],
          product[2]);
    }
    for (int i = 0; i < PER_GROUP; i++) {
      customer(
          "coffee",
          i,
          random,
          8 + random.nextInt(7),
          900,
          2 + random.nextInt(18),
          1986,
          true,
          false,
          false,
          80,
          0.6,
          "C1",
          "C2");
      customer(
          "lapsed",
          i,
          random,
          1,
          40,
          300 + random.nextInt(200),
          1963,
          false,
          false,
          false,
          10,
          -0.2,
          "B1");
      customer(
          "toys",
          i,
          random,
          3 + random.nextInt(3),
          220,
          30 + random.nextInt(30),
          2002,
          true,
          true,
          true,
          50,
          0.2,
          "T1",
          "T2");
      customer(
          "browsers",
          i,
          random,
          0,
          0,
          10 + random.nextInt(90),
          null,
          false,
          false,
          random.nextBoolean(),
          null,
          null);
    }
    // In batches: one statement per row takes minutes on a busy machine.
    db.batchUpdate(
        "insert into customers (customer_uuid, email, first_name, signup_date, year_of_birth,"
            + " email_opt_in, sms_opt_in, push_opt_in, order_count, total_spent, last_order_at,"
            + " engagement_score, sentiment_score) values (?, ?, 'P', ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?)",
        customers);
    db.batchUpdate(
        "insert into orders (order_id, customer_uuid, ordered_at, status, total, currency)"
            + " values (?, ?, ?, 'delivered', ?, 'USD')",
        orders);
    db.batchUpdate(
        "insert into order_items (order_id, sku, quantity, unit_price) values (?, ?, 1, ?)", items);
  }

  private void customer(
      String group,
      int i,
      Random random,
      int orders,
      double spendPerOrder,
      int daysSinceLast,
      Integer bornAround,
      boolean email,
      boolean sms,
      boolean push,
      Integer engagement,
      Double sentiment,
      String... skus) {
    UUID id = UUID.nameUUIDFromBytes((group + i).getBytes());
    planted.put(id, group);
    Instant last = NOW.minus(Duration.ofDays(daysSinceLast));
    double spent = 0;
    List<Object[]> items = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      double total =
          Math.round(spendPerOrder * (0.8 + 0.4 * random.nextDouble()) / orders * 100) / 100.0;
      spent += total;
      items.add(
          new Object[] {
            group + i + "-" + o,
            Timestamp.from(last.minus(Duration.ofDays(20L * o))),
            total,
            skus[o % skus.length]
          });
    }
    customers.add(
        new Object[] {
          id,
          group + i + "@example.com",
          Timestamp.from(orders == 0 ? last : last.minus(Duration.ofDays(20L * orders + 30))),
          bornAround == null ? null : bornAround + random.nextInt(5),
          email,
          sms,
          push,
          orders,
          spent,
          orders == 0 ? null : Timestamp.from(last),
          engagement == null ? null : engagement + random.nextInt(10) - 5,
          sentiment == null ? null : sentiment + (random.nextDouble() - 0.5) * 0.2
        });
    for (Object[] order : items) {
      this.orders.add(new Object[] {order[0], id, order[1], order[2]});
      this.items.add(new Object[] {order[0], order[3], order[2]});
    }
  }
}
