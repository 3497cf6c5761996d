package com.oxidly.ui.views.customers;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.search.CustomerSearch;
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
import java.util.Set;

/**
 * The customer columns of the list. Columns sort by properties the search index sorts by; while the
 * list is ranked by relevance they do not sort at all.
 */
final class CustomerGrid extends Grid<Customer> {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** Columns the column picker starts with hidden. */
  static final Set<String> HIDDEN_BY_DEFAULT =
      Set.of("persona", "tags", "segments", "predictedClv", "averageOrderValue");

  CustomerGrid() {
    super(Customer.class, false);
    NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);
    addColumn(Customer::fullName)
        .setKey("name")
        .setHeader("Name")
        .setSortProperty("lastName", "firstName")
        .setAutoWidth(true);
    addColumn(Customer::email)
        .setKey("email")
        .setHeader("Email")
        .setSortProperty("email")
        .setAutoWidth(true);
    addColumn(Customer::city).setKey("city").setHeader("City").setSortProperty("city");
    addColumn(Customer::country).setKey("country").setHeader("Country").setSortProperty("country");
    addColumn(c -> c.status().code())
        .setKey("status")
        .setHeader("Status")
        .setSortProperty("status");
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
    addColumn(c -> c.averageOrderValue() == null ? "" : money.format(c.averageOrderValue()))
        .setKey("averageOrderValue")
        .setHeader("Average order")
        .setSortProperty("averageOrderValue")
        .setTextAlign(ColumnTextAlign.END);
    addColumn(c -> c.engagementScore() == null ? "" : c.engagementScore().toString())
        .setKey("engagementScore")
        .setHeader("Engagement")
        .setSortProperty("engagementScore")
        .setTextAlign(ColumnTextAlign.END);
    addColumn(c -> c.predictedClv() == null ? "" : money.format(c.predictedClv()))
        .setKey("predictedClv")
        .setHeader("Predicted CLV")
        .setTextAlign(ColumnTextAlign.END);
    addColumn(Customer::persona).setKey("persona").setHeader("Persona");
    addColumn(c -> c.tags() == null ? "" : String.join(", ", c.tags()))
        .setKey("tags")
        .setHeader("Tags");
    addColumn(c -> c.segments() == null ? "" : String.join(", ", c.segments()))
        .setKey("segments")
        .setHeader("Segments");
    addColumn(c -> c.lastOrderAt() == null ? "" : DATE.format(c.lastOrderAt()))
        .setKey("lastOrderAt")
        .setHeader("Last order")
        .setSortProperty("lastOrderAt");
    addColumn(c -> DATE.format(c.signupDate()))
        .setKey("signupDate")
        .setHeader("Signed up")
        .setSortProperty("signupDate");
    setMultiSort(true);
    setSizeFull();
  }

  /**
   * Lets the columns sort, or (for a ranked list, whose order is relevance) stops them and clears
   * any sort, so the order shown is the ranking. Only columns the index sorts by ever sort.
   */
  void sortable(boolean sortable) {
    if (!sortable && !getSortOrder().isEmpty()) {
      sort(null);
    }
    getColumns()
        .forEach(
            column ->
                column.setSortable(
                    sortable && CustomerSearch.sortable().contains(sortKey(column.getKey()))));
  }

  /** The sort property a column's key stands for ("name" sorts by last name). */
  private static String sortKey(String columnKey) {
    return "name".equals(columnKey) ? "lastName" : columnKey;
  }

  /** Grid sort orders as search sort keys; the columns sort by properties search accepts. */
  static List<SortField> sortFields(List<QuerySortOrder> orders) {
    return orders.stream()
        .map(o -> new SortField(o.getSorted(), o.getDirection() == SortDirection.DESCENDING))
        .toList();
  }
}
