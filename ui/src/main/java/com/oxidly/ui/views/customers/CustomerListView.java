package com.oxidly.ui.views.customers;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.search.CustomerSearch.SortField;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * All customers, paged and sorted in the search index and read from PostgreSQL page by page, so it
 * stays fast however many there are and every position can be scrolled to.
 */
@Route(value = "customers", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("Customers | Oxidly")
@PermitAll
public class CustomerListView extends VerticalLayout {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private static final CustomerQuery ALL = new CustomerQuery.All();

  final Grid<Customer> grid = new Grid<>(Customer.class, false);
  final Span total = new Span();

  /** Not final so that a test can give it a small window and scroll past it. */
  CustomerPager pager;

  public CustomerListView(CustomerSearch search) {
    this.pager = new CustomerPager(search);
    addClassName("customer-list-view");
    setSizeFull();
    NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);

    grid.addColumn(Customer::fullName)
        .setHeader("Name")
        .setSortProperty("lastName", "firstName")
        .setAutoWidth(true);
    grid.addColumn(Customer::email)
        .setKey("email")
        .setHeader("Email")
        .setSortProperty("email")
        .setAutoWidth(true);
    grid.addColumn(Customer::city).setHeader("City").setSortProperty("city");
    grid.addColumn(Customer::country).setHeader("Country").setSortProperty("country");
    grid.addColumn(c -> c.status().code()).setHeader("Status").setSortProperty("status");
    grid.addColumn(Customer::orderCount)
        .setKey("orderCount")
        .setHeader("Orders")
        .setSortProperty("orderCount")
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(c -> money.format(c.totalSpent()))
        .setKey("totalSpent")
        .setHeader("Total spent")
        .setSortProperty("totalSpent")
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(c -> c.lastOrderAt() == null ? "" : DATE.format(c.lastOrderAt()))
        .setKey("lastOrderAt")
        .setHeader("Last order")
        .setSortProperty("lastOrderAt");
    grid.addColumn(c -> DATE.format(c.signupDate()))
        .setHeader("Signed up")
        .setSortProperty("signupDate");
    grid.setMultiSort(true);
    grid.setItems(
        query ->
            search
                .customers(
                    pager.ids(
                        ALL, sort(query.getSortOrders()), query.getOffset(), query.getLimit()))
                .stream(),
        query -> (int) Math.min(Integer.MAX_VALUE, pager.count(ALL)));
    grid.setSizeFull();

    total.setText(
        NumberFormat.getIntegerInstance(Locale.US).format(pager.count(ALL)) + " customers");
    add(new H2("Customers"), total, grid);
  }

  /** Grid sort orders as search sort keys; the columns sort by properties search accepts. */
  private static List<SortField> sort(List<QuerySortOrder> orders) {
    return orders.stream()
        .map(o -> new SortField(o.getSorted(), o.getDirection() == SortDirection.DESCENDING))
        .toList();
  }
}
