package com.oxidly.domain.journey;

import com.oxidly.domain.messaging.MessageTemplates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.util.PGobject;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Journeys as marketers keep them: a draft edited freely, published as immutable numbered versions.
 * Customers who entered a version stay on it; publishing only changes where new entries go.
 */
@Service
public class Journeys {

  /** A journey as lists show it. */
  public record JourneySummary(
      long id,
      String name,
      String status,
      Integer publishedVersion,
      Instant draftUpdatedAt,
      String draftUpdatedBy) {}

  /** A published version that new customers can enter. */
  public record PublishedJourney(long id, int version, JourneyDefinition definition) {}

  private record VersionKey(long id, int version) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final MessageCheck messages;

  /**
   * Parsed published versions. Unbounded on purpose: a store has tens or hundreds of versions, each
   * a few KB, and a version never changes, so nothing is ever stale.
   */
  private final Map<VersionKey, JourneyDefinition> published = new ConcurrentHashMap<>();

  Journeys(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    // Liquid errors are caught at publish time, not when the first customer reaches the step.
    this.messages = MessageTemplates::problems;
  }

  /**
   * Creates a journey from a draft (which may still be incomplete).
   *
   * @throws InvalidJourneyException when the name is missing or taken
   */
  @Transactional
  public long create(JourneyDefinition draft, String by) {
    requireName(draft);
    try {
      Long id =
          jdbc.queryForObject(
              """
              insert into journeys (name, draft, draft_updated_at, draft_updated_by)
              values (?, ?, ?, ?) returning journey_id\
              """,
              Long.class,
              draft.name().trim(),
              jsonb(draft),
              Timestamp.from(clock.instant()),
              by);
      return id;
    } catch (DuplicateKeyException taken) {
      throw nameTaken(draft);
    }
  }

  /**
   * Creates a draft from a shipped template, named after it; a second copy is named "… (2)".
   *
   * @throws IllegalArgumentException for an unknown template, naming the known ones
   */
  @Transactional
  public long createFromTemplate(String key, String by) {
    JourneyDefinition template = JourneyTemplates.template(key);
    String name = template.name();
    for (int copy = 2; nameTaken(name); copy++) {
      name = template.name() + " (" + copy + ")";
    }
    return create(
        new JourneyDefinition(
            name,
            template.description(),
            template.trigger(),
            template.reEntry(),
            template.exitWhen(),
            template.goal(),
            template.steps()),
        by);
  }

  private boolean nameTaken(String name) {
    Integer taken =
        jdbc.queryForObject(
            "select count(*) from journeys where lower(name) = lower(?)", Integer.class, name);
    return taken != null && taken > 0;
  }

  /** Replaces the draft; published versions are untouched. */
  @Transactional
  public void saveDraft(long id, JourneyDefinition draft, String by) {
    requireName(draft);
    try {
      int updated =
          jdbc.update(
              """
              update journeys set name = ?, draft = ?, draft_updated_at = ?, draft_updated_by = ?
               where journey_id = ?\
              """,
              draft.name().trim(),
              jsonb(draft),
              Timestamp.from(clock.instant()),
              by,
              id);
      if (updated == 0) {
        throw new JourneyNotFoundException(id);
      }
    } catch (DuplicateKeyException taken) {
      throw nameTaken(draft);
    }
  }

  /**
   * Publishes the draft as the next version and opens the journey to new entries.
   *
   * @return the new version number
   * @throws InvalidJourneyException with every problem when the draft cannot be published
   */
  @Transactional
  public int publish(long id, String by) {
    String draftJson =
        jdbc
            .query(
                "select draft::text from journeys where journey_id = ? for update",
                (rs, n) -> rs.getString(1),
                id)
            .stream()
            .findFirst()
            .orElseThrow(() -> new JourneyNotFoundException(id));
    JourneyDefinition draft = JourneyJson.parse(draftJson);
    List<JourneyProblem> problems = JourneyValidation.problems(draft, messages);
    if (!problems.isEmpty()) {
      throw new InvalidJourneyException(problems);
    }
    Integer version =
        jdbc.queryForObject(
            "select coalesce(max(version), 0) + 1 from journey_versions where journey_id = ?",
            Integer.class,
            id);
    jdbc.update(
        """
        insert into journey_versions (journey_id, version, definition, published_at, published_by)
        values (?, ?, ?, ?, ?)\
        """,
        id,
        version,
        jsonb(draft),
        Timestamp.from(clock.instant()),
        by);
    jdbc.update(
        "update journeys set published_version = ?, status = 'active' where journey_id = ?",
        version,
        id);
    return version;
  }

  /** Stops new entries (paused) or reopens them (active); customers already in go on. */
  @Transactional
  public void setAcceptingEntries(long id, boolean accepting) {
    int updated =
        jdbc.update(
            "update journeys set status = ? where journey_id = ? and published_version is not null",
            accepting ? "active" : "paused",
            id);
    if (updated == 0) {
      throw new JourneyNotFoundException(id);
    }
  }

  public Optional<JourneySummary> summary(long id) {
    return jdbc.query(SUMMARY + " where journey_id = ?", Journeys::summary, id).stream()
        .findFirst();
  }

  public List<JourneySummary> list() {
    return jdbc.query(
        SUMMARY + " where status <> 'archived' order by lower(name)", Journeys::summary);
  }

  public JourneyDefinition draft(long id) {
    return jdbc
        .query(
            "select draft::text from journeys where journey_id = ?",
            (rs, n) -> JourneyJson.parse(rs.getString(1)),
            id)
        .stream()
        .findFirst()
        .orElseThrow(() -> new JourneyNotFoundException(id));
  }

  /**
   * The definition of a published version; versions never change, so each is read and parsed once
   * per process and shared (a definition is immutable data).
   *
   * @throws JourneyNotFoundException when there is no such version
   */
  public JourneyDefinition version(long id, int version) {
    return published.computeIfAbsent(
        new VersionKey(id, version), key -> JourneyJson.parse(versionJson(id, version)));
  }

  /** The stored JSON of a published version, as the journey workflow receives it. */
  public String versionJson(long id, int version) {
    return jdbc
        .query(
            "select definition::text from journey_versions where journey_id = ? and version = ?",
            (rs, n) -> rs.getString(1),
            id,
            version)
        .stream()
        .findFirst()
        .orElseThrow(() -> new JourneyNotFoundException(id));
  }

  /**
   * The versions customers can enter now: the latest of each active journey. Which versions those
   * are is read on every call (another instance may have published or paused one); their
   * definitions come from the per-version cache, so a relay pass parses no JSON.
   */
  public List<PublishedJourney> acceptingEntries() {
    return jdbc
        .query(
            """
            select journey_id, published_version from journeys
             where status = 'active' and published_version is not null
             order by journey_id\
            """,
            (rs, n) -> new VersionKey(rs.getLong(1), rs.getInt(2)))
        .stream()
        .map(key -> new PublishedJourney(key.id(), key.version(), version(key.id(), key.version())))
        .toList();
  }

  private static final String SUMMARY =
      """
      select journey_id, name, status, published_version, draft_updated_at, draft_updated_by
        from journeys\
      """;

  private static JourneySummary summary(ResultSet rs, int n) throws SQLException {
    return new JourneySummary(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        (Integer) rs.getObject(4),
        rs.getTimestamp(5).toInstant(),
        rs.getString(6));
  }

  private static void requireName(JourneyDefinition draft) {
    if (draft.name() == null || draft.name().isBlank()) {
      throw new InvalidJourneyException(List.of(new JourneyProblem(null, "name is required")));
    }
  }

  private static InvalidJourneyException nameTaken(JourneyDefinition draft) {
    return new InvalidJourneyException(
        List.of(
            new JourneyProblem(
                null, "name '" + draft.name().trim() + "' is used by another journey")));
  }

  private static PGobject jsonb(JourneyDefinition definition) {
    try {
      PGobject json = new PGobject();
      json.setType("jsonb");
      json.setValue(JourneyJson.write(definition));
      return json;
    } catch (SQLException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }
}
