package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.search.CustomerSearch.SortField;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.views.login.LoginView;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.data.provider.SortDirection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;

@OxidlyIntegrationTest
class CustomerListViewTest extends SpringBrowserlessTest {

  static final CustomerQuery ALL = new CustomerQuery.All();

  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerSearch search;
  @Autowired CustomerIndex index;

  @BeforeEach
  void indexBuilt() {
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void showsEveryCustomerPagedFromTheServer() {
    CustomerListView view = navigate(CustomerListView.class);

    assertThat(test(view.grid).size()).isEqualTo(300);
    assertThat(view.total.getText()).isEqualTo("300 customers");
    String firstByName =
        jdbc.queryForObject(
            "select email from customers order by last_name, first_name, customer_uuid limit 1",
            String.class);
    assertThat(test(view.grid).getCellText(0, 1)).isEqualTo(firstByName);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void theGridHasPostgresOrderForTheSameSortWithinAndBeyondTheOffsetWindow() {
    CustomerListView view = navigate(CustomerListView.class);
    String bySpent = "order by total_spent desc, customer_uuid";
    String byLastOrder = "order by last_order_at asc nulls last, customer_uuid";

    test(view.grid).sortByColumn("totalSpent", SortDirection.DESCENDING);
    assertThat(emails(view)).isEqualTo(postgresEmails(bySpent));

    // A window of 50 sends every row past the 50th through search_after cursors.
    view.pager = new CustomerPager(search, 50);
    view.grid.getDataProvider().refreshAll();
    assertThat(emails(view)).isEqualTo(postgresEmails(bySpent));

    test(view.grid).sortByColumn("lastOrderAt", SortDirection.ASCENDING);
    assertThat(emails(view)).isEqualTo(postgresEmails(byLastOrder));
  }

  @Test
  void aCursorWalkWithASmallWindowVisitsEachCustomerExactlyOnce() {
    List<SortField> sort = List.of(SortField.parse("orderCount,desc"));
    List<UUID> expected = search.search(ALL, 0, 300, sort).ids();

    CustomerPager pager = new CustomerPager(search, 50);
    List<UUID> walked = new ArrayList<>();
    for (int offset = 0; offset < 300; offset += 13) {
      walked.addAll(pager.ids(ALL, sort, offset, 13));
    }
    assertThat(new HashSet<>(walked)).hasSize(300);
    assertThat(walked).isEqualTo(expected);
    assertThat(pager.ids(ALL, sort, 300, 13)).as("past the end").isEmpty();
    assertThat(pager.ids(ALL, sort, 5_000, 13)).as("far past the end").isEmpty();

    // Far jumps in any order, from a fresh pager and from one that remembers cursors.
    for (CustomerPager jumper : List.of(new CustomerPager(search, 50), pager)) {
      Random random = new Random(7);
      for (int jump = 0; jump < 20; jump++) {
        int offset = random.nextInt(300);
        int limit = 1 + random.nextInt(120);
        assertThat(jumper.ids(ALL, sort, offset, limit))
            .as("offset %d, limit %d", offset, limit)
            .isEqualTo(expected.subList(offset, Math.min(300, offset + limit)));
      }
    }
    assertThat(pager.remembered()).isPositive();
  }

  @Test
  @WithAnonymousUser
  void sendsAnonymousVisitorsToTheLoginView() {
    navigate("customers", LoginView.class);
    assertThat(getCurrentView()).isInstanceOf(LoginView.class);
  }

  /** Every row as the grid's data provider serves it, in the grid's current sort. */
  private static List<String> emails(CustomerListView view) {
    return view.grid.getLazyDataView().getItems().map(Customer::email).toList();
  }

  private List<String> postgresEmails(String orderBy) {
    return jdbc.queryForList("select email from customers " + orderBy, String.class);
  }
}
