package com.oxidly.ui.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.bulk.BulkAction;
import com.oxidly.domain.bulk.BulkOutcome;
import com.oxidly.domain.bulk.CustomerBulkActions;
import com.oxidly.domain.bulk.CustomerBulkActions.Target;
import com.oxidly.domain.customer.CustomerProfiles;
import com.oxidly.domain.customer.CustomerStatus;
import com.oxidly.domain.journey.JourneyJson;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.segment.SegmentInput;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.OxidlyIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Bulk actions against the real PostgreSQL: each is a set operation (a second run changes nothing),
 * customers gone meanwhile are counted as failed with the reason, actions that cannot apply are
 * refused before anything changes. Acts only on customers of its own, which it erases.
 */
@OxidlyIntegrationTest
class CustomerBulkActionsTest {

  static final String DOMAIN = "bulk-service.test";

  @Autowired CustomerBulkActions bulk;
  @Autowired BulkJobs jobs;
  @Autowired CustomerProfiles profiles;
  @Autowired Segments segments;
  @Autowired Journeys journeys;
  @Autowired JdbcTemplate jdbc;

  final List<UUID> created = new ArrayList<>();
  final List<String> segmentKeys = new ArrayList<>();
  final List<Long> journeyIds = new ArrayList<>();

  @BeforeEach
  void threeCustomersOfOurOwn() {
    for (int i = 0; i < 3; i++) {
      created.add(
          profiles
              .create(
                  Map.of(
                      "email",
                      "person" + i + "@" + DOMAIN,
                      "firstName",
                      "Service",
                      "tags",
                      List.of("Keep")))
              .customerUuid());
    }
  }

  @AfterEach
  void cleanUp() {
    profiles.deleteAll(created);
    segmentKeys.forEach(segments::delete);
    journeyIds.forEach(
        id -> jdbc.update("update journeys set status = 'archived' where journey_id = ?", id));
  }

  @Test
  void tagsAreAddedAndRemovedAsASetIgnoringCase() {
    BulkOutcome added = bulk.apply(new BulkAction.AddTag(" Winter "), created, "test", null);
    assertThat(added).isEqualTo(new BulkOutcome(3, 3, 0, Map.of()));
    assertThat(tags()).containsOnly(List.of("Keep", "Winter"));

    BulkOutcome again = bulk.apply(new BulkAction.AddTag("winter"), created, "test", null);
    assertThat(again).isEqualTo(new BulkOutcome(3, 0, 3, Map.of()));

    BulkOutcome removed = bulk.apply(new BulkAction.RemoveTag("WINTER"), created, "test", null);
    assertThat(removed.changed()).isEqualTo(3);
    assertThat(tags()).containsOnly(List.of("Keep"));
    assertThatThrownBy(() -> new BulkAction.AddTag("a;b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("';'");
  }

  @Test
  void aStatusChangeCountsCustomersAlreadySoAndOnesThatAreGone() {
    profiles.changeStatus(List.of(created.get(0)), CustomerStatus.SUSPENDED);
    List<UUID> withGone = new ArrayList<>(created);
    withGone.add(UUID.randomUUID());
    List<Integer> progress = new ArrayList<>();

    BulkOutcome outcome =
        bulk.apply(
            new BulkAction.ChangeStatus(CustomerStatus.SUSPENDED), withGone, "test", progress::add);

    assertThat(outcome).isEqualTo(new BulkOutcome(4, 2, 1, Map.of("no longer exists", 1)));
    assertThat(outcome.summary())
        .isEqualTo("2 changed, 1 already so, 1 failed (no longer exists: 1)");
    assertThat(progress).containsExactly(4);
    assertThat(
            jdbc.queryForList(
                "select distinct status from customers where customer_uuid = any(?)",
                String.class,
                (Object) created.toArray(UUID[]::new)))
        .containsExactly("suspended");
  }

  @Test
  void customersAreAddedToAStaticSegmentButNotToADynamicOne() {
    segments.create(new SegmentInput(null, "Bulk service list", null, "static", null), "test");
    segmentKeys.add("bulk service list");

    BulkOutcome outcome =
        bulk.apply(new BulkAction.AddToSegment("bulk service list"), created, "test", null);

    assertThat(outcome).isEqualTo(new BulkOutcome(3, 3, 0, Map.of()));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from segment_members where segment_key = 'bulk service list'",
                Long.class))
        .isEqualTo(3);
    assertThat(bulk.apply(new BulkAction.AddToSegment("bulk service list"), created, "t", null))
        .isEqualTo(new BulkOutcome(3, 0, 3, Map.of()));
    assertThatThrownBy(
            () -> bulk.apply(new BulkAction.AddToSegment("high value"), created, "test", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is dynamic");
  }

  @Test
  void customersAreEnrolledInAManualJourneyAsEnrolmentEvents() {
    long journey =
        journeys.create(
            JourneyJson.parse(
                """
                {"name": "Bulk service journey", "trigger": {"type": "manual"},
                 "steps": [{"type": "exit", "id": "done"}]}\
                """),
            "test");
    journeyIds.add(journey);
    assertThatThrownBy(
            () -> bulk.apply(new BulkAction.EnrolInJourney(journey, null), created, "test", null))
        .as("a draft takes no enrolments")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("manual enrolments");
    journeys.publish(journey, "test");
    assertThat(bulk.enrollableJourneys()).anyMatch(j -> j.id() == journey);

    BulkOutcome outcome =
        bulk.apply(new BulkAction.EnrolInJourney(journey, null), created, "test", null);

    assertThat(outcome).isEqualTo(new BulkOutcome(3, 3, 0, Map.of()));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customer_events where type = 'journey_enrolled'"
                    + " and properties->>'journey_id' = ? and customer_uuid = any(?)",
                Long.class,
                String.valueOf(journey),
                created.toArray(UUID[]::new)))
        .isEqualTo(3);
  }

  @Test
  void allMatchingIsDecidedInPostgresWhenTheActionRuns() {
    CustomerQuery ours =
        new CustomerQuery.Field(CustomerField.EMAIL_DOMAIN, Comparison.of(Op.EQ, DOMAIN));
    assertThat(bulk.resolve(Target.matching(ours))).containsExactlyInAnyOrderElementsOf(created);
    assertThat(bulk.resolve(Target.of(created))).isEqualTo(created);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aBackgroundJobErasesAndReportsProgress() {
    CustomerQuery ours =
        new CustomerQuery.Field(CustomerField.EMAIL_DOMAIN, Comparison.of(Op.EQ, DOMAIN));

    BulkJobs.Job job = jobs.start(new BulkAction.Erase(), Target.matching(ours), "marketer", true);

    assertThat(job.await()).isEqualTo(new BulkOutcome(3, 3, 0, Map.of()));
    assertThat(job.finished()).isTrue();
    assertThat(job.total()).isEqualTo(3);
    assertThat(job.done()).isEqualTo(3);
    assertThat(job.refusal()).isNull();
    assertThat(profiles.existing(created)).isEmpty();
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void viewersMayNotStartBulkActions() {
    assertThatThrownBy(
            () -> jobs.start(new BulkAction.Erase(), Target.of(created), "viewer", false))
        .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    assertThat(profiles.existing(created)).hasSize(3);
  }

  private List<List<String>> tags() {
    return jdbc.query(
        "select tags from customers where customer_uuid = any(?)",
        (row, n) -> List.of((String[]) row.getArray(1).getArray()),
        (Object) created.toArray(UUID[]::new));
  }
}
