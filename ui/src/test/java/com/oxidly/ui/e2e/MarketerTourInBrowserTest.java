package com.oxidly.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.campaign.Campaign;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerDirectory;
import com.oxidly.domain.dashboard.CustomerHistory;
import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.query.ReadableQuery;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.TemporalTimeMachine;
import com.oxidly.ui.campaigns.CampaignOperations;
import com.oxidly.ui.views.customers.SearchState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A marketer's day in a real headless Chromium against the whole application: search customers in a
 * sentence and open one, build and publish a journey, schedule and cancel a broadcast, and look at
 * every other view. One browser signs in once; each test starts from its own route, so one failing
 * leaves the others meaningful. Expectations come from the domain services, never from the page
 * itself; screenshots of each view land in target/screenshots, numbered in the tour's order.
 * Everything added is removed at the end: the demo store is shared with every other ui test.
 */
@OxidlyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketerTourInBrowserTest {

  static final String JOURNEY = "Browser welcome series";
  static final String TRIGGER_EVENT = "browser_tour_signup";
  static final String SUBJECT = "Welcome, {{ customer.first_name }}";
  static final String TEXT = "Thanks for joining us, {{ customer.first_name }}.";
  static final String CAMPAIGN = "Browser winter broadcast";
  static final String DESCRIBED = "Customers described in a sentence";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  @Autowired NaturalLanguageSearch language;
  @Autowired PostgresCustomerQueries queries;
  @Autowired CustomerDirectory directory;
  @Autowired CustomerHistory history;
  @Autowired Journeys journeys;
  @Autowired Campaigns campaigns;
  @Autowired CampaignOperations operations;
  @Autowired WorkflowServiceStubs temporal;
  @Autowired Clock clock;

  private Browser browser;
  private final List<Long> addedJourneys = new ArrayList<>();
  private final List<Long> addedCampaigns = new ArrayList<>();

  /** One browser for the whole tour: a stranger is sent to sign in and lands on the customers. */
  @BeforeAll
  void signIn() {
    IndexCatchUp.await(index, jdbc);
    String firstEmail =
        jdbc.queryForObject(
            "select email from customers order by last_name, first_name, customer_uuid limit 1",
            String.class);
    browser = new Browser(port);
    browser.open("/");
    browser.loginForm();
    browser.screenshot("01-login");
    browser.signIn("marketer", "marketer-test-password");
    browser.waitUntil(
        "the customer list to show " + firstEmail, d -> browser.pageText().contains(firstEmail));
    assertThat(browser.pageText()).contains("300 customers", "Total spent", firstEmail);
    browser.screenshot("02-customer-list");
  }

  @AfterAll
  void removeWhatTheTourAdded() {
    if (browser != null) {
      browser.close();
    }
    for (long id : addedJourneys) {
      jdbc.update("delete from journey_runs where journey_id = ?", id);
      jdbc.update("delete from journey_versions where journey_id = ?", id);
      jdbc.update("delete from journeys where journey_id = ?", id);
    }
    for (long id : addedCampaigns) {
      if (campaigns.get(id).isLive()) {
        operations.cancel(id);
      }
      // The run records its end after the cancel signal; remove the campaign once it has.
      Awaitility.await("campaign " + id + "'s run to finish")
          .atMost(Browser.PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> campaigns.find(id).map(c -> c.finishedAt() != null).orElse(true));
      jdbc.update("delete from campaigns where campaign_id = ?", id);
    }
  }

  @Test
  @Order(1)
  void aSentenceListsExactlyTheCustomersItMeansAndARowOpensTheirDashboard() {
    City city = cityWithAFewBigSpenders();
    String sentence = "customers from " + city.name() + " who spent over $100";
    NaturalLanguageSearch.Reading reading = language.read(sentence);
    assertThat(queries.matchingIds(reading.interpretation().query()))
        .as("what the parser reads '%s' as", sentence)
        .containsExactlyElementsOf(city.bigSpenders());
    List<String> chips =
        SearchState.read(sentence, reading).conditions().stream()
            .map(ReadableQuery::render)
            .toList();
    Set<String> expected =
        Set.copyOf(city.bigSpenders().stream().map(id -> customer(id).email()).toList());

    browser.open("/customers");
    browser.type("customer-search", sentence);
    browser.click("customer-search-button");
    browser.waitUntil(
        "the reading as chips " + chips,
        d -> browser.texts("#customer-chips .search-chip-label").equals(chips));
    browser.waitUntil(
        "the list to show exactly " + expected,
        d -> Set.copyOf(shownEmails()).equals(expected) && shownEmails().size() == expected.size());
    assertThat(browser.text("customer-total")).isEqualTo(expected.size() + " customers");
    assertThat(browser.text("customer-search-error")).isEmpty();
    assertThat(browser.driver.getCurrentUrl()).contains("q=");
    browser.screenshot("03-customer-search");

    Customer chosen = customer(city.bigSpenders().getFirst());
    browser.click(browser.find("vaadin-grid-cell-content", chosen.email()));
    browser.waitUntil(
        "the dashboard of " + chosen.fullName(),
        d ->
            browser.path().equals("/customers/" + chosen.customerUuid())
                && browser.text("customer-name").equals(chosen.fullName()));
    assertThat(browser.text("customer-summary")).contains(chosen.email());
    List<String> cards = browser.texts("#metric-cards .metric-card");
    assertThat(cards).hasSize(9);
    assertThat(cards.getFirst())
        .startsWith("Total spent")
        .contains(NumberFormat.getCurrencyInstance(Locale.US).format(chosen.totalSpent()));
    assertThat(cards.get(1)).startsWith("Orders").contains(String.valueOf(chosen.orderCount()));
    List<CustomerHistory.Entry> timeline = history.timeline(chosen.customerUuid());
    assertThat(timeline).isNotEmpty();
    browser.waitUntil(
        "the timeline's " + timeline.size() + " entries, newest '" + timeline.getFirst().title(),
        d ->
            Long.valueOf(timeline.size())
                    .equals(browser.js("return document.getElementById('customer-timeline').size"))
                && browser
                    .texts("#customer-timeline vaadin-grid-cell-content")
                    .contains(timeline.getFirst().title().strip()));
    browser.screenshot("04-customer-dashboard");
  }

  @Test
  @Order(2)
  void aNewJourneyGetsATriggerAWaitAndAnEmailAndIsPublished() {
    browser.open("/journeys");
    browser.byId("journeys-grid");
    browser.settle();
    browser.screenshot("05-journeys");

    browser.type("journey-new-name", JOURNEY);
    browser.click("journey-create");
    String builder =
        browser.waitUntil(
            "the builder of the new journey",
            d -> browser.path().matches("/journeys/\\d+") ? browser.path() : null);
    long id = Long.parseLong(builder.substring("/journeys/".length()));
    addedJourneys.add(id);
    assertThat(journeys.summary(id))
        .hasValueSatisfying(s -> assertThat(s.name()).isEqualTo(JOURNEY));

    browser.click("journey-trigger");
    browser.type("trigger-event", TRIGGER_EVENT);
    browser.waitUntil(
        "the trigger card to name the event",
        d -> browser.text("journey-trigger").contains("event " + TRIGGER_EVENT));

    browser.click("add-step-root-0-0");
    browser.click(browser.find("vaadin-context-menu-item", "Wait"));
    browser.type("step-field-duration", "1d 12h");
    browser.waitUntil(
        "the wait card to say 1d 12h", d -> browser.text("step-wait-1").contains("for 1d 12h"));

    browser.click("add-step-root-0-1");
    browser.click(browser.find("vaadin-context-menu-item", "Send message"));
    browser.type("template-subject", SUBJECT);
    browser.type("template-text", TEXT);
    browser.waitUntil(
        "the email card to show its subject and no card to show a problem",
        d -> browser.pageText().contains(SUBJECT) && !browser.pageText().contains("⚠"));
    browser.screenshot("06-journey-builder");

    press("journey-publish", "Published version 1", "journey-status", "version 1 published");
    Journeys.JourneySummary published = journeys.summary(id).orElseThrow();
    assertThat(published.publishedVersion()).isEqualTo(1);
    assertThat(published.status()).isEqualTo("active");
    JourneyDefinition version = journeys.version(id, 1);
    assertThat(version.trigger()).isInstanceOf(JourneyTrigger.OnEvent.class);
    assertThat(((JourneyTrigger.OnEvent) version.trigger()).event()).isEqualTo(TRIGGER_EVENT);
    assertThat(version.steps()).hasSize(2);
    assertThat(version.steps().get(0))
        .isInstanceOfSatisfying(
            JourneyStep.Wait.class,
            wait -> assertThat(wait.duration()).isEqualTo(Duration.ofHours(36)));
    assertThat(version.steps().get(1))
        .isInstanceOfSatisfying(
            JourneyStep.Send.class,
            send -> {
              assertThat(send.channel()).isEqualTo(Channel.EMAIL);
              assertThat(send.messageClass()).isEqualTo(MessageClass.MARKETING);
              assertThat(send.template().subject()).isEqualTo(SUBJECT);
              assertThat(send.template().text()).isEqualTo(TEXT);
            });
    browser.screenshot("07-journey-published");
  }

  @Test
  @Order(3)
  void aBroadcastToDescribedCustomersIsScheduledForLaterAndCancelled() {
    String sentence = "customers from " + cityWithAFewBigSpenders().name();
    List<UUID> audience = queries.matchingIds(language.read(sentence).interpretation().query());
    assertThat(audience).isNotEmpty();
    // Well after now on every clock involved: the store's (pinned), the machine's and Temporal's,
    // which other tests move ahead; a whole hour, which the time picker lists.
    Instant start =
        latest(clock.instant(), Instant.now(), temporalNow())
            .plus(Duration.ofDays(30))
            .truncatedTo(ChronoUnit.HOURS);

    browser.open("/campaigns");
    browser.click("campaign-new");
    browser.type("campaign-name", CAMPAIGN);
    browser.type("campaign-subject", "Winter offers for {{ customer.first_name }}");
    browser.type("campaign-html", "<p>Hello {{ customer.first_name }}, winter is here.</p>");
    browser.click(browser.find("vaadin-radio-button", DESCRIBED));
    browser.type("audience-sentence", sentence);
    browser.click("audience-read");
    browser.waitUntil(
        "the audience count",
        d -> browser.text("audience-count").equals(audience.size() + " customers match now"));
    setStart(start);
    browser.click("campaign-save");
    browser.waitUntil(
        "the draft to be saved",
        d -> browser.text("campaign-message").startsWith("Saved draft '" + CAMPAIGN + "'"));
    Campaign draft =
        campaigns.list().stream()
            .filter(c -> c.definition().name().equals(CAMPAIGN))
            .findFirst()
            .orElseThrow();
    addedCampaigns.add(draft.id());
    assertThat(draft.status()).isEqualTo("draft");
    assertThat(draft.definition().schedule().startAt()).isEqualTo(start);
    assertThat(queries.matchingIds(draft.definition().audience().query()))
        .containsExactlyElementsOf(audience);
    browser.screenshot("08-campaign-draft");

    press("campaign-schedule", "Scheduled", "campaign-status", "Status: scheduled");
    Campaign scheduled = campaigns.get(draft.id());
    assertThat(scheduled.status()).isEqualTo("scheduled");
    assertThat(scheduled.definition().schedule().startAt()).isEqualTo(start);
    assertThat(queries.matchingIds(scheduled.definition().audience().query()))
        .as("the audience the scheduled campaign will freeze")
        .containsExactlyElementsOf(audience);
    assertThat(browser.text("campaigns-grid")).contains("scheduled");
    browser.screenshot("09-campaign-scheduled");

    press(
        "campaign-cancel", "Cancelled '" + CAMPAIGN + "'", "campaign-status", "Status: cancelled");
    assertThat(campaigns.get(draft.id()).status()).isEqualTo("cancelled");
    browser.screenshot("10-campaign-cancelled");
  }

  @Test
  @Order(4)
  void everyOtherViewOpensFromTheSideNavigation() {
    browser.open("/customers");
    record View(String label, String path, String shows, String screenshot) {}
    for (View view :
        List.of(
            new View("Segments", "/segments", "High Value", "11-segments"),
            new View("Personas", "/personas", "Personas", "12-personas"),
            new View("Import", "/import", "Recent imports", "13-import"),
            new View("Dev Outbox", "/dev-outbox", "Dev Outbox", "14-outbox"))) {
      browser.click(browser.find("vaadin-side-nav-item", view.label()));
      browser.waitUntil(
          view.label() + " to show '" + view.shows() + "'",
          d -> browser.path().equals(view.path()) && browser.pageText().contains(view.shows()));
      browser.settle();
      browser.screenshot(view.screenshot());
    }
  }

  /**
   * Clicks the button with id {@code button} and waits until the view's message (the element {@code
   * <view>-message}) starts with {@code message} and the element {@code statusId} shows {@code
   * status}.
   */
  private void press(String button, String message, String statusId, String status) {
    String messageId = button.substring(0, button.indexOf('-')) + "-message";
    browser.click(button);
    browser.waitUntil(
        "'" + message + "' and '" + status + "' after #" + button,
        d ->
            browser.text(messageId).startsWith(message) && browser.text(statusId).contains(status));
  }

  /**
   * The builder draws a shipped template's paths as cards from the pre-compiled bundle (plain Divs
   * and free components, no frontend build) and opens a step's form.
   */
  @Test
  @Order(5)
  void theWinBackTemplateShowsAsCardsAndOpensAStep() {
    long id = journeys.createFromTemplate("win-back", "marketer");
    addedJourneys.add(id);
    browser.open("/journeys/" + id);
    browser.waitUntil(
        "the builder to show the split", d -> browser.pageText().contains("A/B split"));
    assertThat(browser.pageText())
        .contains("Trigger", "entering segment at risk", "contacted 90%", "holdout");
    browser.screenshot("20-journey-template-win-back");

    browser.click(browser.find("span", "Send email"));
    browser.waitUntil(
        "the send step's form", d -> browser.pageText().contains("Preview for customer"));
    browser.screenshot("21-journey-template-send-form");
  }

  /** A city and its customers who spent over $100 in all, in uuid order. */
  record City(String name, List<UUID> bigSpenders) {}

  /**
   * The most populous city with a few (2 to 8) customers who spent over $100, so the list shows
   * them all at once; found by the PostgreSQL query executor from a tree built here, not by the
   * parser under test.
   */
  private City cityWithAFewBigSpenders() {
    List<String> cities =
        jdbc.queryForList(
            "select city from customers where city is not null group by city"
                + " order by count(*) desc, city",
            String.class);
    for (String city : cities) {
      List<UUID> ids =
          queries.matchingIds(
              new CustomerQuery.And(
                  List.of(
                      new CustomerQuery.Field(CustomerField.CITY, Comparison.eq(city)),
                      new CustomerQuery.Spent(Comparison.gt(100), null))));
      if (ids.size() >= 2 && ids.size() <= 8) {
        return new City(city, ids);
      }
    }
    throw new AssertionError("no city of the demo store has 2 to 8 customers who spent over $100");
  }

  private Customer customer(UUID id) {
    return directory.find(id).orElseThrow();
  }

  /** The emails in the rows the customer grid shows. */
  private List<String> shownEmails() {
    return browser.texts("#customer-grid vaadin-grid-cell-content").stream()
        .filter(text -> text.contains("@"))
        .toList();
  }

  /**
   * Types the start into the date-time picker as the date and time pickers themselves format it
   * (their format follows the locale), and commits each part.
   */
  private void setStart(Instant start) {
    LocalDateTime at = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    String date =
        (String)
            browser.js(
                """
                const picker = document.querySelector('#campaign-start vaadin-date-picker');
                const format = picker.i18n && picker.i18n.formatDate;
                const [year, month, day] = arguments;
                return format ? format({year, month: month - 1, day})
                              : (month + '/' + day + '/' + year);\
                """,
                at.getYear(),
                at.getMonthValue(),
                at.getDayOfMonth());
    String time =
        (String)
            browser.js(
                """
                const picker = document.querySelector('#campaign-start vaadin-time-picker');
                const format = picker.i18n && picker.i18n.formatTime;
                const [hours, minutes] = arguments;
                return format ? format({hours, minutes})
                              : (String(hours).padStart(2, '0') + ':'
                                 + String(minutes).padStart(2, '0'));\
                """,
                at.getHour(),
                at.getMinute());
    WebElement dateInput =
        browser.driver.findElement(By.cssSelector("#campaign-start vaadin-date-picker input"));
    browser.replace(dateInput, date, Keys.ENTER);
    WebElement timeInput =
        browser.driver.findElement(By.cssSelector("#campaign-start vaadin-time-picker input"));
    browser.replace(timeInput, time, Keys.ENTER);
    timeInput.sendKeys(Keys.TAB);
    browser.settle();
  }

  private Instant temporalNow() {
    try (TemporalTimeMachine time = new TemporalTimeMachine(temporal)) {
      return time.now();
    }
  }

  private static Instant latest(Instant... instants) {
    Instant latest = instants[0];
    for (Instant instant : instants) {
      latest = instant.isAfter(latest) ? instant : latest;
    }
    return latest;
  }
}
