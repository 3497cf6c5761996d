package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.views.customers.SearchChips.Chip;
import com.oxidly.ui.views.importing.ImportView;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.Location;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The customer list as a marketer searches it: a typed sentence, its reading as chips, removing and
 * changing chips, and links that bring a list back. Every list is compared with what PostgreSQL
 * says the sentence means (the clock is pinned to 2026-11-15, so "last month" is October 2026).
 */
@OxidlyIntegrationTest
@WithMockUser(username = "marketer", roles = "MARKETER")
class CustomerListViewSearchTest extends SpringBrowserlessTest {

  /** Spend in October 2026 on counted orders: the meaning of "spent ... last month". */
  static final String SPENT_LAST_MONTH =
      "(select coalesce(sum(o.total), 0) from orders o where o.customer_uuid = c.customer_uuid and"
          + " o.status not in ('cancelled', 'refunded') and o.ordered_at >= '2026-10-01T00:00:00Z'"
          + " and o.ordered_at < '2026-11-01T00:00:00Z')";

  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerSearch search;
  @Autowired CustomerIndex index;

  @BeforeEach
  void indexBuilt() {
    IndexCatchUp.await(index, jdbc);
  }

  /** The city with the most customers who bought last month, and a threshold some of them pass. */
  record CityAndAmount(String city, BigDecimal amount) {
    String sentence() {
      return "customers from " + city + " who spent over $" + amount + " last month";
    }
  }

  CityAndAmount cityWithSpendLastMonth() {
    String city =
        jdbc.queryForObject(
            "select c.city from customers c where "
                + SPENT_LAST_MONTH
                + " > 0 group by c.city order by count(*) desc, c.city limit 1",
            String.class);
    // The lower median of what they spent, in whole dollars: some pass it, not necessarily all.
    List<BigDecimal> spends =
        jdbc.queryForList(
            "select "
                + SPENT_LAST_MONTH
                + " from customers c where c.city = ? and "
                + SPENT_LAST_MONTH
                + " > 0 order by 1",
            BigDecimal.class,
            city);
    BigDecimal amount = spends.get((spends.size() - 1) / 2).setScale(0, RoundingMode.FLOOR);
    return new CityAndAmount(city, amount.signum() > 0 ? amount.subtract(BigDecimal.ONE) : amount);
  }

  @Test
  void aSentenceListsExactlyTheCustomersPostgresFindsAndShowsItsReadingAsChips() {
    CityAndAmount given = cityWithSpendLastMonth();
    List<String> expected =
        jdbc.queryForList(
            "select c.email from customers c where lower(c.city) = lower(?) and "
                + SPENT_LAST_MONTH
                + " > ?",
            String.class,
            given.city(),
            given.amount());
    assertThat(expected).isNotEmpty();

    CustomerListView view =
        type(
            "Show me customers from "
                + given.city()
                + " who spent over $"
                + given.amount()
                + " last month");

    assertThat(view.error.isVisible()).as(view.error.getText()).isFalse();
    assertThat(emails(view)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(view.total.getText()).isEqualTo(expected.size() + " customers");
    assertThat(labels(view.chips.conditions))
        .containsExactly(
            "city is " + given.city().toLowerCase(), "spent last month > " + given.amount());
    assertThat(view.chips.readable.getText())
        .isEqualTo(
            "Showing: city is "
                + given.city().toLowerCase()
                + " and spent last month > "
                + given.amount());
    assertThat(view.chips.ignored).isEmpty();
    assertThat(view.chips.source.getText()).isEqualTo("read by the local parser");
    assertThat(view.chips.notice.isVisible()).isFalse();
    assertThat(location()).contains("q=").doesNotContain("query=");
  }

  @Test
  void removingAChipWidensTheListAndRemovingAllShowsEveryCustomer() {
    CityAndAmount given = cityWithSpendLastMonth();
    CustomerListView view = type(given.sentence());

    test(chip(view, "spent").remove).click();

    List<String> inCity =
        jdbc.queryForList(
            "select email from customers where lower(city) = lower(?)", String.class, given.city());
    assertThat(labels(view.chips.conditions))
        .containsExactly("city is " + given.city().toLowerCase());
    assertThat(emails(view)).containsExactlyInAnyOrderElementsOf(inCity);
    assertThat(view.total.getText()).isEqualTo(inCity.size() + " customers");
    assertThat(location()).contains("query=");

    test(view.chips.conditions.getFirst().remove).click();

    assertThat(view.chips.conditions).isEmpty();
    assertThat(view.chips.readable.getText()).isEqualTo("Showing: all customers");
    assertThat(test(view.grid).size()).isEqualTo(300);
    assertThat(view.total.getText()).isEqualTo("300 customers");
  }

  @Test
  void changingAChipsValueRerunsTheListAndAnInvalidValueIsRefusedWithItsReason() {
    CityAndAmount given = cityWithSpendLastMonth();
    CustomerListView view = type(given.sentence());

    test(chip(view, "spent").label).click();
    ConditionEditor editor = opened(view);
    assertThat(editor.fields).hasSize(1);
    assertThat(editor.fields.getFirst().getValue()).isEqualTo(given.amount().toPlainString());
    test(editor.fields.getFirst()).setValue("0");
    test(editor.apply).click();

    List<String> anySpend =
        jdbc.queryForList(
            "select c.email from customers c where lower(c.city) = lower(?) and "
                + SPENT_LAST_MONTH
                + " > 0",
            String.class,
            given.city());
    assertThat(editor.isOpened()).isFalse();
    assertThat(labels(view.chips.conditions))
        .containsExactly("city is " + given.city().toLowerCase(), "spent last month > 0");
    assertThat(emails(view)).containsExactlyInAnyOrderElementsOf(anySpend);
    assertThat(view.total.getText()).isEqualTo(anySpend.size() + " customers");

    test(chip(view, "spent").label).click();
    ConditionEditor refused = opened(view);
    test(refused.fields.getFirst()).setValue("lots");
    test(refused.apply).click();

    assertThat(refused.isOpened()).isTrue();
    assertThat(refused.fields.getFirst().isInvalid()).isTrue();
    assertThat(refused.fields.getFirst().getErrorMessage()).isEqualTo("'lots' is not a number");
    assertThat(labels(view.chips.conditions))
        .containsExactly("city is " + given.city().toLowerCase(), "spent last month > 0");
    assertThat(emails(view)).containsExactlyInAnyOrderElementsOf(anySpend);
  }

  @Test
  void aCityCanBeChangedToAnotherCity() {
    List<String> cities =
        jdbc.queryForList(
            "select city from customers group by city order by count(*) desc, city limit 2",
            String.class);
    CustomerListView view = type("customers from " + cities.get(0));

    test(chip(view, "city").label).click();
    ConditionEditor editor = opened(view);
    test(editor.fields.getFirst()).setValue(cities.get(1));
    test(editor.apply).click();

    assertThat(emails(view))
        .containsExactlyInAnyOrderElementsOf(
            jdbc.queryForList(
                "select email from customers where lower(city) = lower(?)",
                String.class,
                cities.get(1)));
  }

  @Test
  void wordsThatWereNotUnderstoodAreShownNotDropped() {
    CustomerListView view = type("flibbertigibbet customers who are active");

    assertThat(view.chips.ignored)
        .extracting(Badge::getText)
        .contains("ignored: 'flibbertigibbet'");
    assertThat(labels(view.chips.conditions)).containsExactly("status is active");
    assertThat(emails(view))
        .containsExactlyInAnyOrderElementsOf(
            jdbc.queryForList("select email from customers where status = 'active'", String.class));
  }

  @Test
  void freeTextRanksTheListAndCanBeRemoved() {
    CustomerListView view = type("customers who complained about late delivery");

    assertThat(view.chips.phrases).isNotEmpty();
    assertThat(labels(view.chips.phrases).getFirst()).contains("late delivery");
    List<UUID> ranked = search.relevant(view.state.query(), view.state.freeText(), 0, 1_000).ids();
    assertThat(ranked).isNotEmpty();
    assertThat(view.grid.getLazyDataView().getItems().map(Customer::customerUuid).toList())
        .isEqualTo(ranked);
    assertThat(view.total.getText()).isEqualTo(ranked.size() + " customers, most relevant first");
    assertThat(view.grid.getColumns()).noneMatch(Grid.Column::isSortable);
    for (UUID uuid : ranked) {
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from (select body from reviews where customer_uuid = ?"
                      + " union all select coalesce(subject, '') || ' ' || coalesce(body, '')"
                      + " from interactions where customer_uuid = ?) t"
                      + " where body ilike '%late%' or body ilike '%deliver%'",
                  Long.class, uuid, uuid))
          .as("customer %s wrote about it", uuid)
          .isPositive();
    }

    while (!view.chips.phrases.isEmpty()) {
      test(view.chips.phrases.getFirst().remove).click();
    }

    assertThat(view.total.getText()).isEqualTo("300 customers");
    // Every column the index sorts by sorts again (tags, persona... sort by nothing).
    assertThat(
            view.grid.getColumns().stream()
                .filter(Grid.Column::isSortable)
                .map(Grid.Column::getKey))
        .containsExactlyInAnyOrder(
            "name",
            "email",
            "city",
            "country",
            "status",
            "orderCount",
            "totalSpent",
            "averageOrderValue",
            "engagementScore",
            "lastOrderAt",
            "signupDate");
    test(view.grid).sortByColumn("totalSpent", SortDirection.DESCENDING);
    assertThat(emails(view))
        .isEqualTo(
            jdbc.queryForList(
                "select email from customers order by total_spent desc, customer_uuid",
                String.class));
  }

  @Test
  void aLinkBringsBackTheSameListEditedOrNot() {
    CityAndAmount given = cityWithSpendLastMonth();
    CustomerListView view = type(given.sentence());
    String read = location();
    List<String> readEmails = emails(view);

    test(chip(view, "city").remove).click();
    String edited = location();
    List<String> editedEmails = emails(view);
    assertThat(editedEmails).hasSizeGreaterThanOrEqualTo(readEmails.size());

    CustomerListView fromEdited = open(edited);
    assertThat(fromEdited).isNotSameAs(view);
    assertThat(labels(fromEdited.chips.conditions))
        .containsExactly("spent last month > " + given.amount());
    assertThat(emails(fromEdited)).containsExactlyInAnyOrderElementsOf(editedEmails);
    assertThat(fromEdited.searchField.getValue()).contains(given.city());

    CustomerListView fromRead = open(read);
    assertThat(emails(fromRead)).containsExactlyInAnyOrderElementsOf(readEmails);
    assertThat(fromRead.chips.conditions).hasSize(2);
  }

  @Test
  void aBrokenLinkSaysWhatIsWrongAndShowsEveryCustomer() {
    CustomerListView view =
        open("customers?query=%7B%22type%22%3A%22field%22%2C%22field%22%3A%22shoe_size%22%7D");

    assertThat(view.error.isVisible()).isTrue();
    assertThat(view.error.getText()).contains("unknown field 'shoe_size'");
    assertThat(view.total.getText()).isEqualTo("300 customers");
  }

  @Test
  void aLinkWithATooLongSentenceSaysSoAndShowsEveryCustomer() {
    // The field takes at most 500 characters; a link can carry more.
    CustomerListView view = open("customers?q=" + "a".repeat(NaturalLanguageSearch.MAX_LENGTH + 1));

    assertThat(view.error.isVisible()).isTrue();
    assertThat(view.error.getText()).contains("at most 500");
    assertThat(view.total.getText()).isEqualTo("300 customers");
  }

  private CustomerListView type(String sentence) {
    CustomerListView view = navigate(CustomerListView.class);
    test(view.searchField).setValue(sentence);
    test(view.searchButton).click();
    // The search goes through the URL; the view shown is the one that ran it.
    return (CustomerListView) getCurrentView();
  }

  /**
   * The list a link shows, in a view of its own (as after a reload): the view is left first, so
   * nothing but the URL carries the state.
   */
  private CustomerListView open(String link) {
    navigate(ImportView.class);
    Location location = new Location(link);
    UI.getCurrent().navigate(location.getPath(), location.getQueryParameters());
    return (CustomerListView) getCurrentView();
  }

  /** The editor the last chip click opened, attached as after the browser's round trip. */
  private ConditionEditor opened(CustomerListView view) {
    ConditionEditor editor = view.chips.editor;
    test(editor).open();
    assertThat(editor.isOpened()).isTrue();
    return editor;
  }

  private static Chip chip(CustomerListView view, String labelStart) {
    return view.chips.conditions.stream()
        .filter(chip -> chip.label.getText().startsWith(labelStart))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no chip " + labelStart + " in " + labels(view.chips.conditions)));
  }

  private static List<String> labels(List<Chip> chips) {
    return chips.stream().map(chip -> chip.label.getText()).toList();
  }

  private static List<String> emails(CustomerListView view) {
    return view.grid.getLazyDataView().getItems().map(Customer::email).toList();
  }

  private static String location() {
    return UI.getCurrent().getActiveViewLocation().getPathWithQueryParameters();
  }
}
