package com.oxidly.ui.views.customers;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.search.CustomerSearch.SortField;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The customer columns of the list. Columns sort by properties the search index sorts by; while the
 * list is ranked by relevance they do not sort at all.
 */
final class CustomerGrid extends Grid<Customer> {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  CustomerGrid() {
    super(Customer.class, false);
    NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);
    addColumn(Customer::fullName)
        .setHeader("Name")
        .setSortProperty("lastName", "firstName")
        .setAutoWidth(true);
    addColumn(Customer::email)
        .setKey("email")
        .setHeader("Email")
        .setSortProperty("email")
        .setAutoWidth(true);
    addColumn(Customer::city).setHeader("City").setSortProperty("city");
    addColumn(Customer::country).setHeader("Country").setSortProperty("country");
    addColumn(c -> c.status().code()).setHeader("Status").setSortProperty("status");
    addColumn(Customer::orderCount)
        .setKey("orderCount")
        .setHeader("Orders")
        .setSortProperty("orderCount")
        .setTextAlign(ColumnTextAlign.END);
    addColumn(c -> money.format(c.totalSpent()))
        .setKey("totalSpent")
        .setHeader("Total spent")
        .setSortProperty("totalSpent")
        .setTextAlign(ColumnTextAlign.END);
    addColumn(c -> c.engagementScore() == null ? "" : c.engagementScore().toString())
        .setKey("engagementScore")
        .setHeader("Engagement")
        .setSortProperty("engagementScore")
        .setTextAlign(ColumnTextAlign.END);
    addColumn(c -> c.lastOrderAt() == null ? "" : DATE.format(c.lastOrderAt()))
        .setKey("lastOrderAt")
        .setHeader("Last order")
        .setSortProperty("lastOrderAt");
    addColumn(c -> DATE.format(c.signupDate()))
        .setHeader("Signed up")
        .setSortProperty("signupDate");
    setMultiSort(true);
    setSizeFull();
  }

  /**
   * Lets the columns sort, or (for a ranked list, whose order is relevance) stops them and clears
   * any sort, so the order shown is the ranking.
   */
  void sortable(boolean sortable) {
    if (!sortable && !getSortOrder().isEmpty()) {
      sort(null);
    }
    getColumns().forEach(column -> column.setSortable(sortable));
  }

  /** Grid sort orders as search sort keys; the columns sort by properties search accepts. */
  static List<SortField> sortFields(List<QuerySortOrder> orders) {
    return orders.stream()
        .map(o -> new SortField(o.getSorted(), o.getDirection() == SortDirection.DESCENDING))
        .toList();
  }
}
