package com.oxidly.ui.views.dashboard;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerDirectory;
import com.oxidly.domain.customer.CustomerProfiles;
import com.oxidly.domain.customer.EmailInUseException;
import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.customer.InvalidCustomerException;
import com.oxidly.domain.customer.StaleCustomerException;
import com.oxidly.domain.dashboard.CustomerHistory;
import com.oxidly.domain.engagement.EngagementScoring;
import com.oxidly.domain.journey.JourneyRuns;
import com.oxidly.ui.security.Role;
import com.oxidly.ui.views.MainLayout;
import com.oxidly.ui.views.customers.CustomerListView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One customer on one page: who they are (editable by admins and marketers, with the errors the
 * domain names shown on their fields), what they are worth and how they feel (metric cards and
 * charts), where they are in journeys, and one timeline of everything that happened — orders with
 * items, reviews and tickets with sentiment, every message sent or suppressed with its reason, and
 * consent changes.
 */
@Route(value = "customers/:customerUuid", layout = MainLayout.class)
@PageTitle("Customer | Oxidly")
@PermitAll
public class CustomerDashboardView extends VerticalLayout implements BeforeEnterObserver {

  /** Months of spend and orders in the charts. */
  static final int CHART_MONTHS = 24;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.US);

  final H2 name = new H2();
  final Span summary = new Span();
  final FlexLayout cards = new FlexLayout();
  final FlexLayout charts = new FlexLayout();
  final ProfileForm profile = new ProfileForm();
  final Span message = new Span();
  final Grid<CustomerHistory.ConsentChange> consent = new Grid<>();
  final Grid<JourneyRuns.RunView> journeys = new Grid<>();
  final Select<String> timelineKind = new Select<>();
  final Grid<CustomerHistory.Entry> timeline = new Grid<>();

  private final CustomerDirectory directory;
  private final CustomerProfiles profiles;
  private final CustomerHistory history;
  private final JourneyRuns runs;
  private final EngagementScoring engagement;
  private final AuthenticationContext authentication;
  private final Clock clock;
  private final NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);
  private Customer customer;
  private List<CustomerHistory.Entry> entries = List.of();

  public CustomerDashboardView(
      CustomerDirectory directory,
      CustomerProfiles profiles,
      CustomerHistory history,
      JourneyRuns runs,
      EngagementScoring engagement,
      AuthenticationContext authentication,
      Clock clock) {
    this.directory = directory;
    this.profiles = profiles;
    this.history = history;
    this.runs = runs;
    this.engagement = engagement;
    this.authentication = authentication;
    this.clock = clock;
    setWidthFull();
    name.setId("customer-name");
    summary.setId("customer-summary");
    cards.setId("metric-cards");
    charts.setId("customer-charts");
    journeys.setId("customer-journeys");
    consent.setId("customer-consent");
    timeline.setId("customer-timeline");
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    charts.getStyle().set("gap", "var(--lumo-space-l)");
    configureGrids();
    profile.setEditable(canEdit());
    profile.addSaveListener(e -> save(e.changes));
    add(
        new RouterLink("← Customers", CustomerListView.class),
        name,
        summary,
        cards,
        charts,
        new H3("Profile"),
        profile,
        message,
        new H3("Journeys"),
        journeys,
        new H3("Consent history"),
        consent,
        new HorizontalLayout(new H3("Timeline"), timelineKind),
        timeline);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Optional<Customer> found =
        event
            .getRouteParameters()
            .get("customerUuid")
            .flatMap(CustomerDashboardView::uuid)
            .flatMap(directory::find);
    if (found.isEmpty()) {
      name.setText("No such customer");
      summary.setText(
          "There is no customer "
              + event.getRouteParameters().get("customerUuid").orElse("")
              + ": it may have been erased.");
      cards.setVisible(false);
      charts.setVisible(false);
      profile.setVisible(false);
      return;
    }
    show(found.get());
  }

  private void show(Customer shown) {
    customer = shown;
    name.setText(shown.fullName());
    summary.setText(
        String.join(
            " · ",
            shown.email(),
            shown.status().code(),
            place(shown),
            "customer since " + WHEN.format(shown.signupDate()).substring(0, 10)));
    profile.load(shown);
    showCards(shown);
    showCharts(shown.customerUuid());
    journeys.setItems(runs.runsOf(shown.customerUuid()));
    consent.setItems(history.consentHistory(shown.customerUuid()));
    entries = history.timeline(shown.customerUuid());
    filterTimeline();
  }

  private void save(Map<String, Object> changes) {
    if (!canEdit()) {
      return;
    }
    if (changes.isEmpty()) {
      message.setText("Nothing changed.");
      return;
    }
    try {
      Customer saved = profiles.update(customer.customerUuid(), changes, customer.version());
      show(saved);
      message.setText("Saved: " + String.join(", ", changes.keySet()) + ".");
    } catch (InvalidCustomerException invalid) {
      List<FieldError> unplaced = profile.showErrors(invalid.errors());
      message.setText(
          "Not saved: "
              + (unplaced.isEmpty()
                  ? "see the marked fields."
                  : unplaced.stream().map(e -> e.field() + " " + e.message()).toList()));
    } catch (EmailInUseException taken) {
      profile.showErrors(List.of(new FieldError("email", taken.getMessage())));
      message.setText("Not saved: the email belongs to another customer.");
    } catch (StaleCustomerException stale) {
      directory.find(customer.customerUuid()).ifPresent(this::show);
      message.setText(
          "Not saved: someone else changed this customer meanwhile. Their version is shown;"
              + " make your change again.");
    }
  }

  private void showCards(Customer shown) {
    cards.removeAll();
    cards.add(
        card("Total spent", money(shown.totalSpent()), null),
        card("Orders", String.valueOf(shown.orderCount()), lastOrder(shown)),
        card("Average order", money(shown.averageOrderValue()), null),
        card("Predicted CLV", money(shown.predictedClv()), "next 12 months"),
        card(
            "P(alive)",
            shown.pAlive() == null ? "–" : Math.round(shown.pAlive() * 100) + " %",
            "chance they still buy"),
        card(
            "Engagement",
            shown.engagementScore() == null ? "–" : shown.engagementScore() + " / 100",
            engagement.explain(shown.customerUuid()).explanation()),
        card(
            "Sentiment",
            shown.sentimentScore() == null
                ? "–"
                : String.format(Locale.ROOT, "%+.2f", shown.sentimentScore()),
            "-1 negative … +1 positive"),
        card("Persona", shown.persona() == null ? "–" : shown.persona(), null),
        card(
            "Segments",
            shown.segments() == null || shown.segments().isEmpty()
                ? "–"
                : String.join(", ", shown.segments()),
            null));
  }

  private void showCharts(UUID customerUuid) {
    charts.removeAll();
    List<CustomerHistory.Month> months =
        history.monthly(customerUuid, clock.instant(), CHART_MONTHS);
    charts.add(
        chart(
            "Spend per month",
            SvgChart.bars(
                "Spend per month",
                months.stream()
                    .map(m -> new SvgChart.Point(MONTH.format(m.month()), m.spent().doubleValue()))
                    .toList(),
                "$",
                "var(--lumo-primary-color, #1676f3)")),
        chart(
            "Orders per month",
            SvgChart.bars(
                "Orders per month",
                months.stream()
                    .map(m -> new SvgChart.Point(MONTH.format(m.month()), m.orders()))
                    .toList(),
                "",
                "#6c8ebf")),
        chart(
            "Ratings",
            SvgChart.line("Ratings", points(history.ratings(customerUuid)), 1, 5, "#d79b00")),
        chart(
            "Sentiment of reviews and tickets",
            SvgChart.line("Sentiment", points(history.sentiment(customerUuid)), -1, 1, "#82b366")));
  }

  private void configureGrids() {
    journeys.addColumn(run -> run.journeyName() + " v" + run.version()).setHeader("Journey");
    journeys.addColumn(JourneyRuns.RunView::status).setHeader("Status");
    journeys.addColumn(JourneyRuns.RunView::currentStep).setHeader("Current step");
    journeys.addColumn(run -> when(run.enteredAt())).setHeader("Entered");
    journeys
        .addColumn(
            run ->
                run.endReason() == null
                    ? when(run.endedAt())
                    : when(run.endedAt()) + " · " + run.endReason())
        .setHeader("Ended");
    journeys.setAllRowsVisible(true);
    consent.addColumn(change -> when(change.at())).setHeader("When");
    consent.addColumn(CustomerHistory.ConsentChange::channel).setHeader("Channel");
    consent.addColumn(change -> change.optedIn() ? "opted in" : "opted out").setHeader("Change");
    consent.addColumn(CustomerHistory.ConsentChange::source).setHeader("Source");
    consent.setAllRowsVisible(true);
    timelineKind.setLabel("Show");
    timelineKind.setItems(
        "Everything", "Orders", "Reviews", "Interactions", "Messages", "Consent changes");
    timelineKind.setValue("Everything");
    timelineKind.addValueChangeListener(e -> filterTimeline());
    timeline.addColumn(entry -> when(entry.at())).setHeader("When").setAutoWidth(true);
    timeline.addColumn(CustomerHistory.Entry::title).setHeader("What").setAutoWidth(true);
    timeline.addColumn(CustomerHistory.Entry::state).setHeader("State").setAutoWidth(true);
    timeline
        .addColumn(entry -> entry.amount() == null ? "" : money(entry.amount()))
        .setHeader("Amount");
    timeline.addColumn(CustomerHistory.Entry::detail).setHeader("Details").setFlexGrow(3);
    timeline.setHeight("480px");
  }

  private void filterTimeline() {
    CustomerHistory.Kind kind =
        switch (timelineKind.getValue()) {
          case "Orders" -> CustomerHistory.Kind.ORDER;
          case "Reviews" -> CustomerHistory.Kind.REVIEW;
          case "Interactions" -> CustomerHistory.Kind.INTERACTION;
          case "Messages" -> CustomerHistory.Kind.MESSAGE;
          case "Consent changes" -> CustomerHistory.Kind.CONSENT;
          default -> null;
        };
    timeline.setItems(
        kind == null ? entries : entries.stream().filter(e -> e.kind() == kind).toList());
  }

  private boolean canEdit() {
    return authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name());
  }

  private static Component card(String title, String value, String hint) {
    Div card = new Div();
    card.addClassName("metric-card");
    card.getStyle()
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
        .set("min-width", "150px")
        .set("max-width", "260px");
    card.add(
        text(title, "var(--lumo-font-size-s)", "var(--lumo-secondary-text-color)"),
        text(value, "var(--lumo-font-size-xl)", null));
    if (hint != null && !hint.isBlank()) {
      card.add(text(hint, "var(--lumo-font-size-xs)", "var(--lumo-secondary-text-color)"));
    }
    return card;
  }

  /** A line of a card; the value (no colour given) in bold. */
  private static Span text(String content, String size, String color) {
    Span text = new Span(content);
    text.getStyle().set("display", "block").set("font-size", size);
    if (color == null) {
      text.getStyle().set("font-weight", "600");
    } else {
      text.getStyle().set("color", color);
    }
    return text;
  }

  private static Component chart(String title, Component svg) {
    Div box = new Div(new Span(title), svg);
    box.getStyle().set("flex", "1 1 420px").set("max-width", "520px");
    return box;
  }

  private static List<SvgChart.Point> points(List<CustomerHistory.Point> points) {
    return points.stream()
        .map(p -> new SvgChart.Point(WHEN.format(p.at()).substring(0, 10), p.value()))
        .toList();
  }

  private String money(BigDecimal amount) {
    return amount == null ? "–" : money.format(amount);
  }

  private static String lastOrder(Customer shown) {
    return shown.lastOrderAt() == null
        ? "no orders yet"
        : "last " + when(shown.lastOrderAt()).substring(0, 10);
  }

  private static String place(Customer shown) {
    String city = shown.city() == null ? "" : shown.city() + ", ";
    return city + (shown.country() == null ? "" : shown.country()) + " (" + shown.timeZone() + ")";
  }

  private static String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException notAUuid) {
      return Optional.empty();
    }
  }
}
