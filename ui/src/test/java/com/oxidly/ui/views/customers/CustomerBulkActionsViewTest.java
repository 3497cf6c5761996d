package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.bulk.BulkAction;
import com.oxidly.domain.bulk.CustomerBulkActions.Target;
import com.oxidly.domain.customer.CustomerProfiles;
import com.oxidly.domain.customer.CustomerStatus;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.bulk.BulkJobs;
import com.oxidly.workflows.WorkflowIds;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.menubar.MenuBarTester;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import io.temporal.client.WorkflowClient;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Selecting customers in the list and acting on them: a tag on picked rows, a status change on all
 * matching (confirmed, or cancelled), an erase in the background with its summary, an export; who
 * may do what; and the list saved as a segment. Acts only on customers of its own, which it erases.
 */
@OxidlyIntegrationTest
class CustomerBulkActionsViewTest extends SpringBrowserlessTest {

  static final String DOMAIN = "bulk-view.test";
  static final CustomerQuery OURS =
      new CustomerQuery.Field(CustomerField.EMAIL_DOMAIN, Comparison.of(Op.EQ, DOMAIN));

  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  @Autowired CustomerProfiles profiles;
  @Autowired Segments segments;
  @Autowired BulkJobs jobs;
  @Autowired WorkflowClient temporal;
  @Autowired JsonMapper json;

  final List<UUID> created = new ArrayList<>();

  @BeforeEach
  void fourCustomersOfOurOwn() {
    for (int i = 0; i < 4; i++) {
      created.add(
          profiles
              .create(
                  Map.of(
                      "email", "person" + i + "@" + DOMAIN,
                      "firstName", "Bulk",
                      "lastName", "Person " + i))
              .customerUuid());
    }
    IndexCatchUp.await(index, jdbc);
  }

  @AfterEach
  void eraseThem() {
    profiles.deleteAll(created);
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aMarketerTagsPickedRowsAndChangesTheStatusOfAllMatchingAfterConfirming() {
    CustomerListView view = ours();
    assertThat(test(view.grid).size()).isEqualTo(4);
    assertThat(view.grid.getSelectionMode()).isNotNull();
    test(view.grid).select(0);
    test(view.grid).select(1);
    assertThat(view.bulk.selection.getText()).isEqualTo("2 selected");

    new MenuBarTester<>(view.bulk.actions).clickItem("Actions", "Add tag…");
    test(view.bulk.dialog).open();
    test(view.bulk.dialogNext).click();
    assertThat(((TextField) view.bulk.dialogField).isInvalid())
        .as("an empty tag is refused")
        .isTrue();
    test((TextField) view.bulk.dialogField).setValue("winter-vip");
    test(view.bulk.dialogNext).click();

    assertThat(view.bulk.result.getText())
        .isEqualTo("Done, add the tag 'winter-vip': 2 changed, 0 already so, 0 failed.");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where 'winter-vip' = any(tags)", Long.class))
        .isEqualTo(2);
    assertThat(view.bulk.selected()).as("the selection is done with").isZero();

    test(view.bulk.selectAll).click();
    assertThat(view.bulk.selection.getText()).isEqualTo("All 4 matching customers selected");
    askToSuspend(view);
    assertThat(test(view.bulk.confirm).getText())
        .isEqualTo("Change the status of all 4 matching customers to suspended?");
    test(view.bulk.confirm).cancel();
    assertThat(statuses()).containsOnly("active");

    askToSuspend(view);
    test(view.bulk.confirm).confirm();

    assertThat(view.bulk.result.getText())
        .isEqualTo("Done, change the status to suspended: 4 changed, 0 already so, 0 failed.");
    assertThat(statuses()).containsOnly("suspended");
  }

  @Test
  @WithMockUser(username = "admin", roles = "ADMIN")
  void aLargeSelectionIsErasedInTheBackgroundWithASummary() {
    CustomerListView view = ours();
    view.bulk.backgroundAbove = 2;
    test(view.bulk.selectAll).click();

    new MenuBarTester<>(view.bulk.actions).clickItem("Actions", "Erase…");
    test(view.bulk.confirm).open();
    assertThat(test(view.bulk.confirm).getText()).startsWith("Erase all 4 matching customers");
    test(view.bulk.confirm).confirm();

    BulkJobs.Job job = view.bulk.job;
    assertThat(job.await().changed()).isEqualTo(4);
    view.bulk.refreshProgress(); // what the next poll does
    assertThat(view.bulk.progress.isVisible()).isFalse();
    assertThat(view.bulk.result.getText())
        .startsWith("Done, erase them")
        .endsWith(": 4 changed, 0 already so, 0 failed.");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where customer_uuid = any(?)",
                Long.class,
                (Object) created.toArray(UUID[]::new)))
        .isZero();
  }

  @Test
  @WithMockUser(username = "analyst", roles = "ANALYST")
  void anAnalystExportsButChangesNothing() throws Exception {
    CustomerListView view = ours();
    assertThat(view.bulk.actions.isVisible()).isFalse();
    assertThat(view.saveSegment.isVisible()).isFalse();
    assertThat(view.bulk.export.isVisible()).isTrue();

    test(view.grid).select(0);
    StringWriter csv = new StringWriter();
    view.bulk.writeExport(csv);
    String email = test(view.grid).getRow(0).email();
    assertThat(csv.toString().lines().toList()).hasSize(2);
    assertThat(csv.toString().lines().skip(1).findFirst().orElseThrow()).startsWith(email + ",");

    assertThatThrownBy(
            () -> jobs.start(new BulkAction.AddTag("nope"), Target.of(created), "analyst", false))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where 'nope' = any(tags)", Long.class))
        .isZero();
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void aViewerSeesNoActions() {
    CustomerListView view = ours();
    assertThat(view.bulk.isVisible()).isFalse();
    assertThat(view.saveSegment.isVisible()).isFalse();
    assertThat(view.grid.getSelectionModel())
        .isInstanceOf(com.vaadin.flow.component.grid.GridNoneSelectionModel.class);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void theListIsSavedAsADynamicSegmentWithNameProblemsOnTheNameField() {
    CustomerListView view = ours();
    test(view.saveSegment).click();
    SaveSegmentDialog dialog = view.saveDialog;
    test(dialog).open();

    test(dialog.save).click();
    assertThat(dialog.name.isInvalid()).isTrue();
    assertThat(dialog.name.getErrorMessage()).isEqualTo("name is required");

    test(dialog.name).setValue("High Value");
    test(dialog.save).click();
    assertThat(dialog.name.isInvalid()).isTrue();
    assertThat(dialog.name.getErrorMessage()).contains("exists already");

    test(dialog.name).setValue("Bulk view people");
    test(dialog.save).click();
    assertThat(dialog.isOpened()).isFalse();
    assertThat(view.message.getText()).startsWith("Saved the segment 'Bulk view people'");
    Segment saved = segments.get("bulk view people");
    try {
      assertThat(saved.definition()).isEqualTo(OURS);
      temporal
          .newUntypedWorkflowStub(WorkflowIds.segmentReevaluation(saved.key()))
          .getResult(Object.class);
      assertThat(segments.count(saved.key())).isEqualTo(4);
    } finally {
      segments.delete(saved.key());
    }
  }

  /** Change status… suspended, up to the confirmation (open, not answered). */
  private void askToSuspend(CustomerListView view) {
    new MenuBarTester<>(view.bulk.actions).clickItem("Actions", "Change status…");
    test(view.bulk.dialog).open();
    @SuppressWarnings("unchecked")
    Select<CustomerStatus> status = (Select<CustomerStatus>) view.bulk.dialogField;
    test(status).selectItem("suspended");
    test(view.bulk.dialogNext).click();
    test(view.bulk.confirm).open();
  }

  /** The list of our customers, opened from a link as a reload would. */
  private CustomerListView ours() {
    navigate(CustomerListView.class);
    UI.getCurrent()
        .navigate(
            "customers",
            QueryParameters.simple(Map.of(SearchState.TREE, json.writeValueAsString(OURS))));
    CustomerListView view = (CustomerListView) getCurrentView();
    assertThat(view.total.getText()).isEqualTo("4 customers");
    return view;
  }

  private List<String> statuses() {
    return jdbc.queryForList(
        "select status from customers where customer_uuid = any(?)",
        String.class,
        (Object) created.toArray(UUID[]::new));
  }
}
