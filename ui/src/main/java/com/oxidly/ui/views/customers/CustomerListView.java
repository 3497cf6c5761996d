package com.oxidly.ui.views.customers;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerDirectory;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
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
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** All customers, paged and sorted on the server, so it stays fast however many there are. */
@Route(value = "customers", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("Customers | Oxidly")
@PermitAll
public class CustomerListView extends VerticalLayout {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  final Grid<Customer> grid = new Grid<>(Customer.class, false);
  final Span total = new Span();

  public CustomerListView(CustomerDirectory customers) {
    addClassName("customer-list-view");
    setSizeFull();
    NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);

    grid.addColumn(Customer::fullName)
        .setHeader("Name")
        .setSortProperty("lastName", "firstName")
        .setAutoWidth(true);
    grid.addColumn(Customer::email).setHeader("Email").setSortProperty("email").setAutoWidth(true);
    grid.addColumn(Customer::city).setHeader("City").setSortProperty("city");
    grid.addColumn(Customer::country).setHeader("Country").setSortProperty("country");
    grid.addColumn(c -> c.status().code()).setHeader("Status").setSortProperty("status");
    grid.addColumn(Customer::orderCount)
        .setHeader("Orders")
        .setSortProperty("orderCount")
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(c -> money.format(c.totalSpent()))
        .setHeader("Total spent")
        .setSortProperty("totalSpent")
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(c -> c.lastOrderAt() == null ? "" : DATE.format(c.lastOrderAt()))
        .setHeader("Last order")
        .setSortProperty("lastOrderAt");
    grid.addColumn(c -> DATE.format(c.signupDate()))
        .setHeader("Signed up")
        .setSortProperty("signupDate");
    grid.setMultiSort(true);
    grid.setItems(
        query ->
            customers
                .page(
                    PageRequest.of(
                        query.getPage(), query.getPageSize(), sort(query.getSortOrders())))
                .stream(),
        query -> (int) Math.min(Integer.MAX_VALUE, customers.count()));
    grid.setSizeFull();

    total.setText(
        NumberFormat.getIntegerInstance(Locale.US).format(customers.count()) + " customers");
    add(new H2("Customers"), total, grid);
  }

  private static Sort sort(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
    if (orders.isEmpty()) {
      return Sort.by("lastName", "firstName", "customerUuid");
    }
    return Sort.by(
            orders.stream()
                .map(
                    order ->
                        order.getDirection() == SortDirection.DESCENDING
                            ? Sort.Order.desc(order.getSorted())
                            : Sort.Order.asc(order.getSorted()))
                .toList())
        .and(Sort.by("customerUuid"));
  }
}
