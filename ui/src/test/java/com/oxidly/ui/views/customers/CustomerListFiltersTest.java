package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.views.customers.SearchChips.Chip;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.menubar.MenuBarTester;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The filter panel beside the list and the chips are one query: ticking adds a chip, removing the
 * chip unticks, a typed sentence ticks what it means; counts are what PostgreSQL counts. And the
 * column picker, remembered for the session.
 */
@OxidlyIntegrationTest
@WithMockUser(username = "marketer", roles = "MARKETER")
class CustomerListFiltersTest extends SpringBrowserlessTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;

  @BeforeEach
  void indexBuilt() {
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void tickingAFilterAddsAChipAndRemovingTheChipUnticksIt() {
    CustomerListView view = navigate(CustomerListView.class);
    String city = topCity();

    tick(view, "status", "active");
    view = current();
    assertThat(labels(view)).containsExactly("status is active");
    assertThat(box(view, "status").getValue()).containsExactly("active");
    assertThat(emails(view))
        .containsExactlyInAnyOrderElementsOf(
            jdbc.queryForList("select email from customers where status = 'active'", String.class));

    tick(view, "city", city);
    view = current();
    assertThat(labels(view)).containsExactly("status is active", "city is " + city.toLowerCase());
    List<String> activeInCity =
        jdbc.queryForList(
            "select email from customers where status = 'active' and lower(city) = lower(?)",
            String.class,
            city);
    assertThat(emails(view)).containsExactlyInAnyOrderElementsOf(activeInCity);
    assertThat(view.total.getText()).isEqualTo(activeInCity.size() + " customers");

    test(chip(view, "status").remove).click();
    view = current();
    assertThat(box(view, "status").getValue()).isEmpty();
    assertThat(box(view, "city").getValue()).containsExactly(city);
    assertThat(labels(view)).containsExactly("city is " + city.toLowerCase());
  }

  @Test
  void countsAreThoseOfTheQueryAndAGroupsOwnTicksDoNotNarrowItsCounts() {
    CustomerListView view = navigate(CustomerListView.class);
    tick(view, "status", "active");
    view = current();

    // Every status is still offered, counted as if ticked alone.
    CheckboxGroup<String> status = box(view, "status");
    for (String option : status.getListDataView().getItems().toList()) {
      long expected =
          jdbc.queryForObject(
              "select count(*) from customers where status = ?", Long.class, option);
      assertThat(status.getItemLabelGenerator().apply(option))
          .isEqualTo(option + " (" + expected + ")");
    }
    // Other groups count within the query.
    long activeWithEmail =
        jdbc.queryForObject(
            "select count(*) from customers where status = 'active' and email_opt_in", Long.class);
    assertThat(box(view, "consent-email").getItemLabelGenerator().apply("email"))
        .isEqualTo("email (" + activeWithEmail + ")");
  }

  @Test
  void spendBucketsAndConsentFilterExactlyWhatTheyCount() {
    CustomerListView view = navigate(CustomerListView.class);
    String label = box(view, "spent").getItemLabelGenerator().apply("100-500");

    tick(view, "spent", "100-500");
    view = current();
    List<String> expected =
        jdbc.queryForList(
            "select email from customers where total_spent >= 100 and total_spent < 500",
            String.class);
    assertThat(label).isEqualTo("100-500 (" + expected.size() + ")");
    assertThat(labels(view)).containsExactly("spent between 100 and 499.99");
    assertThat(emails(view)).containsExactlyInAnyOrderElementsOf(expected);

    tick(view, "spent", "100-500", "1000+");
    view = current();
    assertThat(labels(view)).hasSize(1);
    assertThat(emails(view))
        .containsExactlyInAnyOrderElementsOf(
            jdbc.queryForList(
                "select email from customers where (total_spent >= 100 and total_spent < 500)"
                    + " or total_spent >= 1000",
                String.class));

    tick(view, "consent-sms", "sms");
    view = current();
    assertThat(labels(view)).hasSize(2).last().isEqualTo("subscribed to SMS is true");
    assertThat(emails(view))
        .containsExactlyInAnyOrderElementsOf(
            jdbc.queryForList(
                "select email from customers where sms_opt_in and ((total_spent >= 100 and"
                    + " total_spent < 500) or total_spent >= 1000)",
                String.class));
  }

  @Test
  void aTypedSentenceTicksTheFiltersItMeans() {
    String city = topCity();
    CustomerListView view = navigate(CustomerListView.class);
    test(view.searchField).setValue("customers from " + city + " who are active");
    test(view.searchButton).click();
    view = current();

    assertThat(box(view, "city").getValue()).containsExactly(city);
    assertThat(box(view, "status").getValue()).containsExactly("active");
  }

  @Test
  void theColumnPickerShowsAndHidesColumnsForTheSession() {
    CustomerListView view = navigate(CustomerListView.class);
    assertThat(view.grid.getColumnByKey("email").isVisible()).isTrue();
    assertThat(view.grid.getColumnByKey("persona").isVisible()).isFalse();

    new MenuBarTester<>(view.columns).clickItem(ColumnPicker.TITLE, "Email");
    new MenuBarTester<>(view.columns).clickItem(ColumnPicker.TITLE, "Persona");

    assertThat(view.grid.getColumnByKey("email").isVisible()).isFalse();
    assertThat(view.grid.getColumnByKey("persona").isVisible()).isTrue();
    assertThat(new MenuBarTester<>(view.columns).isItemChecked(ColumnPicker.TITLE, "Email"))
        .isFalse();

    navigate(com.oxidly.ui.views.segments.SegmentsView.class);
    CustomerListView again = navigate(CustomerListView.class);
    assertThat(again).isNotSameAs(view);
    assertThat(again.grid.getColumnByKey("email").isVisible()).isFalse();
    assertThat(again.grid.getColumnByKey("persona").isVisible()).isTrue();
    assertThat(new MenuBarTester<>(again.columns).isItemChecked(ColumnPicker.TITLE, "Persona"))
        .isTrue();
  }

  private String topCity() {
    return jdbc.queryForObject(
        "select city from customers where status = 'active' group by city"
            + " order by count(*) desc, city limit 1",
        String.class);
  }

  /** Ticks exactly {@code options} of a group, as the marketer does (the panel fires). */
  private static void tick(CustomerListView view, String group, String... options) {
    CheckboxGroup<String> box = box(view, group);
    Set<String> wanted =
        box.getListDataView()
            .getItems()
            .filter(item -> List.of(options).stream().anyMatch(o -> o.equalsIgnoreCase(item)))
            .collect(java.util.stream.Collectors.toSet());
    assertThat(wanted).as("options of %s", group).hasSize(options.length);
    box.setValue(wanted);
  }

  private static CheckboxGroup<String> box(CustomerListView view, String group) {
    return view.filters.boxes.get(group);
  }

  /** The view after a change went through the URL. */
  private CustomerListView current() {
    return (CustomerListView) getCurrentView();
  }

  private static Chip chip(CustomerListView view, String labelStart) {
    return view.chips.conditions.stream()
        .filter(chip -> chip.label.getText().startsWith(labelStart))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> labels(CustomerListView view) {
    return view.chips.conditions.stream().map(chip -> chip.label.getText()).toList();
  }

  private static List<String> emails(CustomerListView view) {
    return view.grid.getLazyDataView().getItems().map(Customer::email).toList();
  }
}
