package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer index in Elasticsearch, derived from PostgreSQL. Readers always go through the alias
 * {@link ElasticsearchProperties#customerAlias()}; a full rebuild writes a new physical index and
 * swaps the alias atomically, so searches never see a half-built index.
 *
 * <p>Every write here is idempotent: documents are keyed by customer uuid.
 */
@Service
public class CustomerIndex {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter INDEX_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(java.time.ZoneOffset.UTC);
  private static final String SELECT_CUSTOMERS =
      """
      select customer_uuid, email, first_name, last_name, phone, year_of_birth, country, city,
             postal_code, time_zone, status, language, signup_date, email_opt_in, sms_opt_in,
             push_opt_in, tags, acquisition_channel, referred_by, attributes::text as attributes,
             total_spent, order_count, first_order_at, last_order_at, average_order_value,
             engagement_score, sentiment_score, predicted_clv, p_alive, persona, segments, updated_at
        from customers
      """;

  private final ElasticsearchClient client;
  private final ElasticsearchProperties properties;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  CustomerIndex(
      ElasticsearchClient client,
      ElasticsearchProperties properties,
      JdbcTemplate jdbc,
      Clock clock) {
    this.client = client;
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The alias searches read from. */
  public String alias() {
    return properties.customerAlias();
  }

  /**
   * Makes sure the alias exists, creating a first physical index behind it when it does not.
   * Idempotent.
   */
  public void ensureExists() {
    try {
      if (!client.indices().existsAlias(a -> a.name(alias())).value()) {
        String index = createIndex();
        client
            .indices()
            .updateAliases(
                u -> u.actions(Action.of(a -> a.add(add -> add.index(index).alias(alias())))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch is not reachable at " + properties.url(), e);
    }
  }

  /** Creates a new, empty physical customer index and returns its name. Not yet aliased. */
  public String createIndex() {
    // The clock may be pinned, so a counter keeps names of quick successive rebuilds distinct.
    String name =
        alias()
            + "-"
            + INDEX_SUFFIX.format(clock.instant())
            + "-"
            + Long.toString(System.nanoTime(), 36);
    try (InputStream mapping =
        new ClassPathResource("search/customer-index.json").getInputStream()) {
      client.indices().create(c -> c.index(name).withJson(mapping));
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create index " + name, e);
    }
  }

  /**
   * Points the alias at {@code index} alone, in one atomic alias update, and deletes the indices it
   * pointed at before. Idempotent: repeating it with the same index changes nothing.
   */
  public void switchAliasTo(String index) {
    try {
      Set<String> previous = currentIndices();
      List<Action> actions = new ArrayList<>();
      actions.add(Action.of(a -> a.add(add -> add.index(index).alias(alias()))));
      for (String old : previous) {
        if (!old.equals(index)) {
          actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias()))));
        }
      }
      client.indices().updateAliases(u -> u.actions(actions));
      for (String old : previous) {
        if (!old.equals(index)) {
          client.indices().delete(d -> d.index(old).ignoreUnavailable(true));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not switch alias " + alias() + " to " + index, e);
    }
  }

  /** The physical indices the alias points at now (empty when it does not exist). */
  public Set<String> currentIndices() throws IOException {
    if (!client.indices().existsAlias(a -> a.name(alias())).value()) {
      return Set.of();
    }
    return client.indices().getAlias(a -> a.name(alias())).result().keySet();
  }

  /**
   * Indexes one page of customers, ordered by uuid, after {@code afterUuid} (null for the first
   * page), into {@code index}.
   *
   * @return the page that was written; {@link IndexedPage#lastUuid()} is the next cursor
   */
  public IndexedPage indexPage(String index, UUID afterUuid, int pageSize) {
    List<Map<String, Object>> documents =
        afterUuid == null
            ? jdbc.query(
                SELECT_CUSTOMERS + " order by customer_uuid limit ?", this::document, pageSize)
            : jdbc.query(
                SELECT_CUSTOMERS + " where customer_uuid > ? order by customer_uuid limit ?",
                this::document,
                afterUuid,
                pageSize);
    if (documents.isEmpty()) {
      return new IndexedPage(0, afterUuid, true);
    }
    bulkIndex(index, documents);
    UUID last = UUID.fromString((String) documents.getLast().get("customer_uuid"));
    return new IndexedPage(documents.size(), last, documents.size() < pageSize);
  }

  /** Number of customer documents visible through the alias (after a refresh). */
  public long count() {
    try {
      client.indices().refresh(r -> r.index(alias()));
      return client.count(c -> c.index(alias())).count();
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch is not reachable at " + properties.url(), e);
    }
  }

  private void bulkIndex(String index, List<Map<String, Object>> documents) {
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
    for (Map<String, Object> document : documents) {
      String id = (String) document.get("customer_uuid");
      bulk.operations(op -> op.index(i -> i.id(id).document(document)));
    }
    try {
      BulkResponse response = client.bulk(bulk.build());
      if (response.errors()) {
        String reasons =
            response.items().stream()
                .filter(item -> item.error() != null)
                .limit(3)
                .map(BulkResponseItem::error)
                .map(error -> error.type() + ": " + error.reason())
                .collect(Collectors.joining("; "));
        throw new IllegalStateException("Elasticsearch rejected documents: " + reasons);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Bulk indexing into " + index + " failed", e);
    }
  }

  private Map<String, Object> document(ResultSet row, int rowNumber) throws SQLException {
    Map<String, Object> doc = new LinkedHashMap<>();
    String email = row.getString("email");
    doc.put("customer_uuid", row.getString("customer_uuid"));
    doc.put("email", email);
    doc.put("email_domain", email.substring(email.indexOf('@') + 1));
    doc.put("first_name", row.getString("first_name"));
    doc.put("last_name", row.getString("last_name"));
    doc.put(
        "full_name",
        row.getString("last_name") == null
            ? row.getString("first_name")
            : row.getString("first_name") + " " + row.getString("last_name"));
    doc.put("phone", row.getString("phone"));
    doc.put("year_of_birth", row.getObject("year_of_birth"));
    doc.put("country", row.getString("country"));
    doc.put("city", row.getString("city"));
    doc.put("postal_code", row.getString("postal_code"));
    doc.put("time_zone", row.getString("time_zone"));
    doc.put("status", row.getString("status"));
    doc.put("language", row.getString("language"));
    doc.put("signup_date", instant(row.getTimestamp("signup_date")));
    doc.put("email_opt_in", row.getBoolean("email_opt_in"));
    doc.put("sms_opt_in", row.getBoolean("sms_opt_in"));
    doc.put("push_opt_in", row.getBoolean("push_opt_in"));
    doc.put("tags", strings(row.getArray("tags")));
    doc.put("acquisition_channel", row.getString("acquisition_channel"));
    doc.put("referred_by", row.getString("referred_by"));
    doc.put(
        "attributes",
        JSON.readValue(row.getString("attributes"), new TypeReference<Map<String, Object>>() {}));
    doc.put("total_spent", row.getBigDecimal("total_spent").doubleValue());
    doc.put("order_count", row.getInt("order_count"));
    doc.put("first_order_at", instant(row.getTimestamp("first_order_at")));
    doc.put("last_order_at", instant(row.getTimestamp("last_order_at")));
    doc.put(
        "average_order_value",
        row.getBigDecimal("average_order_value") == null
            ? null
            : row.getBigDecimal("average_order_value").doubleValue());
    doc.put("engagement_score", row.getObject("engagement_score"));
    doc.put("sentiment_score", row.getObject("sentiment_score"));
    doc.put(
        "predicted_clv",
        row.getBigDecimal("predicted_clv") == null
            ? null
            : row.getBigDecimal("predicted_clv").doubleValue());
    doc.put("p_alive", row.getObject("p_alive"));
    doc.put("persona", row.getString("persona"));
    doc.put("segments", strings(row.getArray("segments")));
    doc.put("updated_at", instant(row.getTimestamp("updated_at")));
    return doc;
  }

  private static String instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  /**
   * One page written by {@link #indexPage}.
   *
   * @param indexed documents written
   * @param lastUuid the cursor for the next page
   * @param last whether this was the final page
   */
  public record IndexedPage(int indexed, UUID lastUuid, boolean last) {}
}
