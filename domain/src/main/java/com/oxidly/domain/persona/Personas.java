package com.oxidly.domain.persona;

import com.oxidly.domain.ai.LanguageModel;
import com.oxidly.domain.customer.CustomerLocks;
import com.oxidly.domain.time.StoreTimeZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personas: k-means++ over customers' standardised features ({@link PersonaFeatures}), k chosen by
 * mean silhouette in a range, each persona named after its most distinctive traits (by the language
 * model when one is configured). Three steps, so that a workflow can page through a large store:
 * {@link #fit} on a sample, {@link #assignPage} everyone to the nearest centroid page by page, and
 * {@link #finish} to count the personas and make the model current. Every step is idempotent.
 *
 * <p>Customers carry their persona's id and name ({@code customers.persona_id}, {@code
 * customers.persona}); the change log carries the name into the search index, where it is a facet
 * and the query field {@code persona}.
 */
@Service
public class Personas {

  private static final Logger log = LoggerFactory.getLogger(Personas.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Fewer customers than this make groups of a handful: no personas then. */
  static final int MIN_CUSTOMERS = 20;

  private static final String WRITE_PERSONAS =
      CustomerLocks.LOCKED_IN_ID_ORDER
          + """
          target as (
            select s.customer_uuid, p.id as persona_id, p.name
              from unnest(?::uuid[], ?::bigint[]) as s(customer_uuid, persona_id)
              join personas p on p.id = s.persona_id
              join locked l on l.customer_uuid = s.customer_uuid
          )
          update customers c
             set persona_id = t.persona_id,
                 persona = t.name,
                 updated_at = ?,
                 version = c.version + 1
            from target t
           where c.customer_uuid = t.customer_uuid
             and (c.persona_id, c.persona) is distinct from (t.persona_id, t.name)
          """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ZoneId zone;
  private final PersonaProperties properties;
  private final LanguageModel model;
  private final PersonaFeatures features;

  public Personas(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Clock clock,
      StoreTimeZone storeTimeZone,
      PersonaProperties properties,
      LanguageModel model) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.zone = storeTimeZone.zone();
    this.properties = properties;
    this.model = model;
    this.features = new PersonaFeatures(jdbc);
  }

  /**
   * Fits personas on a sample of customers and stores them, named, as a new model that is not yet
   * current. Several seconds on the default samples.
   *
   * @return the new model's version; empty when there are fewer than {@value #MIN_CUSTOMERS}
   *     customers or too few distinct ones for the smallest k
   */
  public Optional<Long> fit() {
    List<String> categories = features.categories();
    List<UUID> sample = features.sample(properties.fitSample());
    if (sample.size() < Math.max(MIN_CUSTOMERS, 2 * properties.minK())) {
      log.info("No personas: {} customers are too few to group", sample.size());
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<double[]> rows = new ArrayList<>(features.raw(sample, categories, now, zone).values());
    FeatureSpace space = FeatureSpace.fit(PersonaFeatures.layout(categories), categories, rows);
    double[][] points = rows.stream().map(space::point).toArray(double[][]::new);
    PersonaClustering.Result clusters;
    try {
      clusters =
          PersonaClustering.fit(
              points,
              properties.minK(),
              properties.maxK(),
              properties.seed(),
              properties.trials(),
              properties.silhouetteSample());
    } catch (IllegalArgumentException tooUniform) {
      log.info("No personas: {}", tooUniform.getMessage());
      return Optional.empty();
    }
    int[] labels = PersonaClustering.labels(points, clusters.centroids());
    List<PersonaNaming.Profile> profiles = profiles(space, rows, labels, clusters.k());
    ModelPersonaNaming.Result names = ModelPersonaNaming.name(model, profiles);
    long version =
        transactions.execute(status -> store(now, space, clusters, rows.size(), profiles, names));
    log.info(
        "Personas fitted on {} customers: k = {} (silhouette {}), named by {}: model {}",
        rows.size(),
        clusters.k(),
        String.format(java.util.Locale.ROOT, "%.3f", clusters.silhouette()),
        names.source(),
        version);
    return Optional.of(version);
  }

  /** Per persona, every feature's mean against the store's, most distinctive first. */
  static List<PersonaNaming.Profile> profiles(
      FeatureSpace space, List<double[]> rows, int[] labels, int k) {
    int d = space.dimensions();
    double[] storeSum = new double[d];
    int[] storeCount = new int[d];
    double[][] sum = new double[k][d];
    double[][] zSum = new double[k][d];
    int[][] count = new int[k][d];
    int[] sizes = new int[k];
    for (int i = 0; i < rows.size(); i++) {
      double[] raw = rows.get(i);
      double[] z = space.standardised(raw);
      int c = labels[i];
      sizes[c]++;
      for (int j = 0; j < d; j++) {
        if (!Double.isNaN(raw[j])) {
          storeSum[j] += raw[j];
          storeCount[j]++;
          sum[c][j] += raw[j];
          zSum[c][j] += z[j];
          count[c][j]++;
        }
      }
    }
    List<PersonaNaming.Profile> profiles = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      List<PersonaTrait> traits = new ArrayList<>();
      for (int j = 0; j < d; j++) {
        FeatureSpace.Column column = space.columns().get(j);
        traits.add(
            new PersonaTrait(
                column.key(),
                column.label(),
                column.unit(),
                count[c][j] == 0 ? Double.NaN : sum[c][j] / count[c][j],
                storeCount[j] == 0 ? Double.NaN : storeSum[j] / storeCount[j],
                count[c][j] == 0 ? 0 : zSum[c][j] / count[c][j]));
      }
      profiles.add(new PersonaNaming.Profile((double) sizes[c] / rows.size(), traits));
    }
    return profiles;
  }

  private long store(
      Instant now,
      FeatureSpace space,
      PersonaClustering.Result clusters,
      int customersUsed,
      List<PersonaNaming.Profile> profiles,
      ModelPersonaNaming.Result names) {
    long version =
        jdbc.queryForObject(
            "insert into persona_models (fitted_at, k, silhouette, silhouettes, customers_used,"
                + " features, named_by) values (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?) returning id",
            Long.class,
            Timestamp.from(now),
            clusters.k(),
            clusters.silhouette(),
            JSON.writeValueAsString(clusters.silhouettes()),
            customersUsed,
            JSON.writeValueAsString(space),
            names.source());
    for (int c = 0; c < clusters.k(); c++) {
      jdbc.update(
          "insert into personas (model_version, ordinal, name, description, centroid, traits,"
              + " computed_at) values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)",
          version,
          c,
          names.named().get(c).name(),
          names.named().get(c).description(),
          JSON.writeValueAsString(clusters.centroids()[c]),
          JSON.writeValueAsString(finite(profiles.get(c).traits())),
          Timestamp.from(now));
    }
    return version;
  }

  /** JSON has no NaN: a mean nobody had a value for is stored as the store's, or 0. */
  private static List<PersonaTrait> finite(List<PersonaTrait> traits) {
    return traits.stream()
        .map(
            t ->
                new PersonaTrait(
                    t.key(),
                    t.label(),
                    t.unit(),
                    Double.isNaN(t.value())
                        ? (Double.isNaN(t.storeAverage()) ? 0 : t.storeAverage())
                        : t.value(),
                    Double.isNaN(t.storeAverage()) ? 0 : t.storeAverage(),
                    t.deviation()))
        .toList();
  }

  /**
   * Assigns the next {@code size} customers after {@code after} (null: from the first), in id
   * order, to the nearest persona of model {@code version}. Writes only customers whose persona
   * changes; they get a new updated_at and version, which queues them for the search index.
   *
   * @throws IllegalArgumentException when there is no such model
   */
  public AssignedPage assignPage(long version, UUID after, int size) {
    FittedModel fitted = fitted(version);
    List<UUID> ids = features.page(after, size);
    if (ids.isEmpty()) {
      return new AssignedPage(0, 0, after, true);
    }
    Instant now = clock.instant();
    Map<UUID, double[]> raw = features.raw(ids, fitted.space().categories(), now, zone);
    UUID[] customers = raw.keySet().toArray(UUID[]::new);
    Long[] personas = new Long[customers.length];
    for (int i = 0; i < customers.length; i++) {
      double[] point = fitted.space().point(raw.get(customers[i]));
      personas[i] = fitted.personaIds()[PersonaClustering.nearest(fitted.centroids(), point)];
    }
    int changed = jdbc.update(WRITE_PERSONAS, customers, customers, personas, Timestamp.from(now));
    return new AssignedPage(ids.size(), changed, ids.getLast(), ids.size() < size);
  }

  /**
   * One page of {@link #assignPage}.
   *
   * @param assigned customers in the page
   * @param changed of them, customers whose persona changed
   * @param lastUuid the cursor for the next page
   * @param last whether no customers follow
   */
  public record AssignedPage(int assigned, int changed, UUID lastUuid, boolean last) {}

  /**
   * Counts each persona of model {@code version} and makes it the current model (the one {@link
   * #current()} shows). Idempotent.
   */
  public void finish(long version) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.update(
              "update personas p set size = (select count(*) from customers c"
                  + " where c.persona_id = p.id) where p.model_version = ?",
              version);
          jdbc.update(
              "update persona_models set assigned_at = coalesce(assigned_at, ?) where id = ?",
              Timestamp.from(clock.instant()),
              version);
        });
  }

  /** The newest model every customer has been assigned by, with its personas, largest first. */
  public Optional<PersonaModel> current() {
    return jdbc
        .queryForList(
            "select id from persona_models where assigned_at is not null"
                + " order by assigned_at desc, id desc limit 1",
            Long.class)
        .stream()
        .findFirst()
        .flatMap(this::model);
  }

  /** A model by its version. */
  public Optional<PersonaModel> model(long version) {
    List<Persona> personas =
        jdbc.query(
            "select id, name, description, size, traits::text as traits, computed_at,"
                + " sum(size) over () as total from personas where model_version = ?"
                + " order by size desc, ordinal",
            (row, n) -> {
              long total = row.getLong("total");
              return new Persona(
                  row.getLong("id"),
                  row.getString("name"),
                  row.getString("description"),
                  row.getLong("size"),
                  total == 0 ? 0 : (double) row.getLong("size") / total,
                  JSON.readValue(
                      row.getString("traits"), new TypeReference<List<PersonaTrait>>() {}),
                  row.getTimestamp("computed_at").toInstant());
            },
            version);
    return jdbc
        .query(
            "select id, fitted_at, k, silhouette, silhouettes::text as silhouettes,"
                + " customers_used, named_by, assigned_at from persona_models where id = ?",
            (row, n) -> {
              Timestamp assigned = row.getTimestamp("assigned_at");
              return new PersonaModel(
                  row.getLong("id"),
                  row.getTimestamp("fitted_at").toInstant(),
                  row.getInt("k"),
                  row.getDouble("silhouette"),
                  JSON.readValue(
                      row.getString("silhouettes"), new TypeReference<Map<Integer, Double>>() {}),
                  row.getInt("customers_used"),
                  row.getString("named_by"),
                  assigned == null ? null : assigned.toInstant(),
                  personas);
            },
            version)
        .stream()
        .findFirst();
  }

  /** A model's feature space, centroids and persona ids, by ordinal. */
  private record FittedModel(FeatureSpace space, double[][] centroids, Long[] personaIds) {}

  private FittedModel fitted(long version) {
    String space =
        jdbc
            .queryForList(
                "select features::text from persona_models where id = ?", String.class, version)
            .stream()
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no persona model " + version));
    List<double[]> centroids = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    jdbc.query(
        "select id, centroid::text as centroid from personas where model_version = ?"
            + " order by ordinal",
        row -> {
          ids.add(row.getLong("id"));
          centroids.add(JSON.readValue(row.getString("centroid"), double[].class));
        },
        version);
    return new FittedModel(
        JSON.readValue(space, FeatureSpace.class),
        centroids.toArray(double[][]::new),
        ids.toArray(Long[]::new));
  }
}
