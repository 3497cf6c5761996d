package com.oxidly.ui.views.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.domain.journey.JourneySteps;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.views.customers.AudiencePicker;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.textfield.TextField;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

@OxidlyIntegrationTest
class JourneyBuilderViewTest extends SpringBrowserlessTest {

  @Autowired Journeys journeys;
  @Autowired JdbcTemplate jdbc;

  private UUID customer;

  /** Journeys are shared by the test context: each test removes only the ones it created. */
  private long lastJourneyBefore;

  @BeforeEach
  void rememberJourneys() {
    lastJourneyBefore =
        jdbc.queryForObject("select coalesce(max(journey_id), 0) from journeys", Long.class);
  }

  @AfterEach
  void removeCustomerAndJourneys() {
    if (customer != null) {
      jdbc.update("delete from customers where customer_uuid = ?", customer);
    }
    jdbc.update("delete from journey_runs where journey_id > ?", lastJourneyBefore);
    jdbc.update("delete from journey_versions where journey_id > ?", lastJourneyBefore);
    jdbc.update("delete from journeys where journey_id > ?", lastJourneyBefore);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aMarketerBuildsFromATemplateAddsAStepFixesItsProblemAndPublishesVersionOne() {
    JourneysView list = navigate(JourneysView.class);
    test(list.startFrom).selectItem("Template: Welcome series");
    test(list.create).click();

    JourneyBuilderView builder = $(JourneyBuilderView.class).single();
    assertThat(builder.name.getValue()).isEqualTo("Welcome series");
    assertThat(builder.canvas.cards)
        .containsKeys("welcome-email", "wait-two-days", "ordered-yet", "tips-email");
    assertThat(builder.problems).isEmpty();

    // A webhook between the welcome email and the wait: it has no URL yet.
    test(builder.canvas.addMenus.get(JourneyCanvas.slot(null, 0, 1))).clickItem("Webhook");

    assertThat(builder.draft.steps())
        .extracting(JourneyStep::id)
        .containsExactly("welcome-email", "webhook-1", "wait-two-days", "ordered-yet");
    StepCard card = builder.canvas.cards.get("webhook-1");
    assertThat(card.hasProblems()).isTrue();
    assertThat(card.problemTexts()).containsExactly("url must be an absolute http or https URL");
    assertThat(builder.stepForm.stepId()).isEqualTo("webhook-1");

    test(builder.publish).click();
    assertThat(builder.message.getText())
        .startsWith("Cannot publish: 1 problem")
        .contains("url must be an absolute http or https URL");

    TextField url = builder.stepForm.field("url");
    test(url).setValue("https://example.com/hooks/welcome");

    assertThat(builder.canvas.cards.get("webhook-1").hasProblems()).isFalse();
    assertThat(builder.problems).isEmpty();

    test(builder.publish).click();

    assertThat(builder.message.getText()).startsWith("Published version 1");
    long id = builder.journeyId();
    assertThat(journeys.summary(id).get().publishedVersion()).isEqualTo(1);
    assertThat(JourneySteps.find(journeys.version(id, 1), "webhook-1").get())
        .isEqualTo(new JourneyStep.Webhook("webhook-1", "https://example.com/hooks/welcome", null));
    assertThat(builder.status.getText()).startsWith("active · version 1 published");

    test(builder.pause).click();
    assertThat(journeys.summary(id).get().status()).isEqualTo("paused");
    test(builder.pause).click();
    assertThat(journeys.summary(id).get().status()).isEqualTo("active");
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aSendStepPreviewsForACustomerAndShowsLiquidErrorsInline() {
    customer = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date)"
            + " values (?, 'preview-ada@example.com', 'Ada', now())",
        customer);
    long id = journeys.createFromTemplate("welcome-series", "marketer");
    JourneyBuilderView builder = navigate("journeys/" + id, JourneyBuilderView.class);

    test(builder.canvas.cards.get("welcome-email")).click();
    TemplateEditor template = builder.stepForm.template;
    assertThat(template.variables.getText()).contains("{{ customer.first_name }}");
    test(template.previewEmail).setValue("preview-ada@example.com");
    test(template.preview).click();

    assertThat(template.previewError.getText()).isEmpty();
    assertThat(template.previewSubject.getText()).isEqualTo("Subject: Welcome, Ada!");
    assertThat(template.previewHtml.getSrcdoc())
        .hasValueSatisfying(html -> assertThat(html).contains("Welcome to the store, Ada."));
    assertThat(template.previewText.getText()).contains("Welcome to the store, Ada.");

    test(template.previewEmail).setValue("nobody@example.com");
    test(template.preview).click();
    assertThat(template.previewError.getText())
        .isEqualTo("No customer has the email 'nobody@example.com'.");

    test(template.subject).setValue("Hi {{ customer.first_name | shout }}");
    assertThat(template.problems.getText()).contains("subject:").contains("shout");
    assertThat(builder.canvas.cards.get("welcome-email").problemTexts())
        .anySatisfy(problem -> assertThat(problem).contains("shout"));
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void branchConditionsAreReadFromASentenceAndStepsMoveAndGo() {
    long id = journeys.createFromTemplate("welcome-series", "marketer");
    JourneyBuilderView builder = navigate("journeys/" + id, JourneyBuilderView.class);

    test(builder.canvas.cards.get("ordered-yet")).click();
    AudiencePicker audience = builder.stepForm.audience;
    test(audience.sentence).setValue("customers who spent over $500");
    test(audience.read).click();

    JourneyStep.Branch branch =
        (JourneyStep.Branch) JourneySteps.find(builder.draft, "ordered-yet").get();
    assertThat(branch.condition()).isInstanceOf(CustomerQuery.Spent.class);
    assertThat(audience.count.getText()).matches("\\d+ customers? match(es)? now");
    assertThat(builder.canvas.cards.get("ordered-yet").summary.getText())
        .isEqualTo("if spent > 500");

    test(builder.canvas.cards.get("wait-two-days").up).click();
    assertThat(builder.draft.steps())
        .extracting(JourneyStep::id)
        .containsExactly("wait-two-days", "welcome-email", "ordered-yet");

    test(builder.canvas.cards.get("tips-email").remove).click();
    assertThat(JourneySteps.ids(builder.draft)).doesNotContain("tips-email");
    assertThat(builder.canvas.cards).doesNotContainKey("tips-email");

    // Another step's id is refused: the form keeps editing its own step.
    test(builder.canvas.cards.get("welcome-email")).click();
    test(builder.stepForm.id).setValue("wait-two-days");
    assertThat(builder.stepForm.id.isInvalid()).isTrue();
    assertThat(builder.stepForm.stepId()).isEqualTo("welcome-email");
    assertThat(JourneySteps.ids(builder.draft)).contains("welcome-email", "wait-two-days");
    test(builder.stepForm.id).setValue("hello-email");
    assertThat(builder.draft.steps().get(1).id()).isEqualTo("hello-email");

    // A duration that cannot be read marks the field and changes nothing.
    test(builder.canvas.cards.get("wait-two-days")).click();
    TextField duration = builder.stepForm.field("duration");
    test(duration).setValue("soon");
    assertThat(duration.isInvalid()).isTrue();
    assertThat(((JourneyStep.Wait) builder.draft.steps().getFirst()).duration()).hasDays(2);
    test(duration).setValue("3d 12h");
    assertThat(duration.isInvalid()).isFalse();
    assertThat(((JourneyStep.Wait) builder.draft.steps().getFirst()).duration()).hasHours(84);

    test(builder.canvas.triggerCard).click();
    test(builder.triggerForm.kind).selectItem(TriggerForm.SEGMENT);
    test(builder.triggerForm.segment).selectItem("High Value");
    assertThat(builder.draft.trigger())
        .isEqualTo(new JourneyTrigger.OnSegmentEntered("High Value"));
    assertThat(builder.canvas.triggerCard.summary.getText())
        .isEqualTo("entering segment High Value");

    // Leaving with unsaved changes asks first; staying keeps the builder.
    builder.getUI().orElseThrow().navigate(JourneysView.class);
    assertThat(builder.leaveDialog.isOpened()).isTrue();
    test(builder.leaveDialog).cancel();
    assertThat(builder.isAttached()).isTrue();

    test(builder.save).click();
    assertThat(builder.message.getText()).isEqualTo("Draft saved.");
    assertThat(journeys.draft(id)).isEqualTo(builder.draft);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void cardsShowLiveCountsAndSplitResults() {
    customer = UUID.randomUUID();
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, signup_date)"
            + " values (?, 'counted@example.com', 'Cy', now())",
        customer);
    long id = journeys.createFromTemplate("win-back", "marketer");
    jdbc.update(
        "insert into journey_runs (run_id, workflow_id, journey_id, version, customer_uuid, entry,"
            + " status, entered_at, current_step) values ('run-1', 'wf', ?, 1, ?, 1, 'active',"
            + " now(), 'a-week')",
        id,
        customer);
    jdbc.update(
        "insert into journey_steps (run_id, seq, step_id, step_type, outcome, occurred_at) values"
            + " ('run-1', 1, 'holdout-split', 'split', 'path:contacted', now()),"
            + " ('run-1', 2, 'morning', 'wait', 'waited', now()),"
            + " ('run-1', 3, 'miss-you', 'send', 'sent', now())");
    jdbc.update(
        "insert into journey_conversions (run_id, goal, event_key, revenue, split_path,"
            + " converted_at) values ('run-1', 'order_placed', 'e-1', 42.50,"
            + " 'holdout-split:contacted', now())");

    JourneyBuilderView builder = navigate("journeys/" + id, JourneyBuilderView.class);

    assertThat(builder.canvas.cards.get("miss-you").counts.getText())
        .isEqualTo("1 entered · 0 here now · 1 sent · 1 converted");
    assertThat(builder.canvas.cards.get("a-week").counts.getText())
        .isEqualTo("1 entered · 1 here now · 1 converted");
    assertThat(builder.canvas.cards.get("holdout-split").results.getElement().getTextRecursively())
        .contains("contacted: 1 runs, 1 conversions (100.0%), revenue 42.50")
        .contains("holdout: 0 runs, 0 conversions (0.0%), revenue 0.00");
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aBlankJourneyNeedsANameAndOpensWithItsProblemsAtTheTop() {
    JourneysView list = navigate(JourneysView.class);
    test(list.create).click();
    assertThat(list.message.getText()).isEqualTo("name is required");

    test(list.newName).setValue("Birthday treat");
    test(list.create).click();

    JourneyBuilderView builder = $(JourneyBuilderView.class).single();
    assertThat(builder.name.getValue()).isEqualTo("Birthday treat");
    assertThat(builder.journeyProblems.getElement().getTextRecursively())
        .contains("trigger.event must be an event type like cart_updated")
        .contains("a journey needs at least one step");

    test(builder.canvas.addMenus.get(JourneyCanvas.slot(null, 0, 0))).clickItem("Exit");
    test(builder.canvas.triggerCard).click();
    test(builder.triggerForm.kind).selectItem(TriggerForm.DATE);
    test(builder.triggerForm.date).selectItem("birthday month");
    assertThat(builder.problems).isEmpty();
    assertThat(builder.journeyProblems.isVisible()).isFalse();

    test(builder.publish).click();
    assertThat(builder.message.getText()).startsWith("Published version 1");
    JourneysView again = navigate(JourneysView.class);
    var grid = test(again.grid);
    int row =
        java.util.stream.IntStream.range(0, grid.size())
            .filter(i -> grid.getCellText(i, 0).equals("Birthday treat"))
            .findFirst()
            .orElseThrow();
    assertThat(grid.getCellText(row, 1)).isEqualTo("active");
    assertThat(grid.getCellText(row, 2)).isEqualTo("v1");
  }

  @Test
  @WithMockUser(username = "analyst", roles = "ANALYST")
  void anAnalystSeesTheJourneyButCannotChangeIt() {
    long id = journeys.createFromTemplate("abandoned-cart", "marketer");
    JourneyBuilderView builder = navigate("journeys/" + id, JourneyBuilderView.class);

    assertThat(builder.canvas.cards).containsKeys("wait-for-order", "cart-email");
    assertThat(builder.save.isAttached()).isFalse();
    assertThat(builder.publish.isAttached()).isFalse();
    assertThat(builder.canvas.addMenus).isEmpty();
  }
}
