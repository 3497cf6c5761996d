package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
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

  private static final DateTimeFormatter INDEX_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(java.time.ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final ElasticsearchClient client;
  private final ElasticsearchProperties properties;
  private final CustomerDocuments documents;
  private final TextEmbeddings embeddings;
  private final Clock clock;

  CustomerIndex(
      ElasticsearchClient client,
      ElasticsearchProperties properties,
      CustomerDocuments documents,
      TextEmbeddings embeddings,
      Clock clock) {
    this.client = client;
    this.properties = properties;
    this.documents = documents;
    this.embeddings = embeddings;
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
      for (String index : physicalIndices()) {
        addNewFields(index);
        addVectorFields(index);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch is not reachable at " + properties.url(), e);
    }
  }

  /**
   * Gives every physical index the fields the mapping has gained since it was created (e.g. the
   * lifetime-value expectations): adding fields is allowed on a live index and restating existing
   * ones unchanged is a no-op, so documents with the new fields are accepted without a rebuild.
   * Idempotent.
   */
  public void addNewFields() {
    try {
      for (String index : physicalIndices()) {
        addNewFields(index);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch is not reachable at " + properties.url(), e);
    }
  }

  private void addNewFields(String index) throws IOException {
    String mappings;
    try (InputStream file = new ClassPathResource("search/customer-index.json").getInputStream()) {
      mappings = JSON.readTree(file).get("mappings").toString();
    }
    client.indices().putMapping(p -> p.index(index).withJson(new StringReader(mappings)));
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
      addVectorFields(name);
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create index " + name, e);
    }
  }

  /**
   * Adds the text-vector fields to an index when embeddings are on: adding fields is allowed on a
   * live index and repeating it is harmless, so an existing store gains kNN without a rebuild.
   */
  private void addVectorFields(String index) throws IOException {
    if (!embeddings.enabled()) {
      return;
    }
    String field = embeddings.vectorField();
    String vector =
        """
        {"type": "dense_vector", "dims": %d, "index": true, "similarity": "cosine"}
        """
            .formatted(embeddings.dimensions());
    String mapping =
        """
        {"properties": {
          "reviews": {"type": "nested", "properties": {"%1$s": %2$s}},
          "interactions": {"type": "nested", "properties": {"%1$s": %2$s}}}}
        """
            .formatted(field, vector);
    client.indices().putMapping(p -> p.index(index).withJson(new StringReader(mapping)));
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
      for (String old : physicalIndices()) {
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
    List<Map<String, Object>> documents = this.documents.page(afterUuid, pageSize);
    if (documents.isEmpty()) {
      return new IndexedPage(0, afterUuid, true);
    }
    bulkIndex(index, documents, true);
    // A customer deleted after the page was read may have had the deletion applied to this index
    // before the copy above was created; looking again now, with the copy in, catches it.
    List<UUID> written =
        documents.stream().map(d -> UUID.fromString((String) d.get("customer_uuid"))).toList();
    Set<UUID> gone = new HashSet<>(written);
    gone.removeAll(this.documents.existing(written));
    if (!gone.isEmpty()) {
      bulkDelete(index, gone);
    }
    UUID last = written.getLast();
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

  /**
   * Writes the current documents of changed customers to every physical customer index, including
   * one a rebuild is still filling, and removes the customers that no longer exist. Idempotent. The
   * change-log indexer calls it only for changes that are already committed.
   */
  public void applyChanges(List<Map<String, Object>> current, Collection<UUID> removed) {
    for (String index : physicalIndices()) {
      if (!current.isEmpty()) {
        bulkIndex(index, current, false);
      }
      if (!removed.isEmpty()) {
        bulkDelete(index, removed);
      }
    }
  }

  /** Every physical customer index behind this alias's prefix, aliased or still being built. */
  public Set<String> physicalIndices() {
    try {
      return client
          .indices()
          .get(g -> g.index(alias() + "-*").allowNoIndices(true))
          .result()
          .keySet();
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch is not reachable at " + properties.url(), e);
    }
  }

  /**
   * @param createOnly a rebuild only adds documents that are not there yet: a document already
   *     written by the change-log indexer is at least as fresh as the rebuild's copy
   */
  private void bulkIndex(String index, List<Map<String, Object>> documents, boolean createOnly) {
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
    for (Map<String, Object> document : documents) {
      String id = (String) document.get("customer_uuid");
      if (createOnly) {
        bulk.operations(op -> op.create(c -> c.id(id).document(document)));
      } else {
        bulk.operations(op -> op.index(i -> i.id(id).document(document)));
      }
    }
    execute(bulk.build(), index);
  }

  private void bulkDelete(String index, Collection<UUID> removed) {
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
    for (UUID id : removed) {
      bulk.operations(op -> op.delete(d -> d.id(id.toString())));
    }
    execute(bulk.build(), index);
  }

  private void execute(BulkRequest request, String index) {
    try {
      BulkResponse response = client.bulk(request);
      if (response.errors()) {
        String reasons =
            response.items().stream()
                .filter(item -> item.error() != null)
                // Already there (create) or already gone (delete): the wanted state holds.
                .filter(item -> item.status() != 409 && item.status() != 404)
                .limit(3)
                .map(BulkResponseItem::error)
                .map(error -> error.type() + ": " + error.reason())
                .collect(Collectors.joining("; "));
        if (!reasons.isEmpty()) {
          throw new IllegalStateException(
              "Elasticsearch rejected documents in " + index + ": " + reasons);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Bulk request to " + index + " failed", e);
    }
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
