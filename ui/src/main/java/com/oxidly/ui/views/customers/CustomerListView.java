package com.oxidly.ui.views.customers;

import com.oxidly.domain.bulk.CustomerBulkActions;
import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.exporting.CsvExport;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.bulk.BulkJobs;
import com.oxidly.ui.maintenance.SegmentReevaluations;
import com.oxidly.ui.security.Role;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customers a typed sentence means ("customers from New York who spent over $500 last month"),
 * all of them when nothing is typed; paged and sorted in the search index and read from PostgreSQL
 * page by page, so it stays fast however many there are. The reading is shown as chips that change
 * the list; the state lives in the URL, so a reload or a shared link shows the same list.
 */
@Route(value = "customers", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("Customers | Oxidly")
@PermitAll
public class CustomerListView extends VerticalLayout implements BeforeEnterObserver {

  final TextField searchField = new TextField();
  final Button searchButton = new Button("Search", VaadinIcon.SEARCH.create());
  final SearchChips chips = new SearchChips();
  final Span error = new Span();
  final CustomerGrid grid = new CustomerGrid();
  final Span total = new Span();
  final FilterPanel filters;
  final ColumnPicker columns;
  final BulkActionBar bulk;
  final Button saveSegment = new Button("Save as segment", VaadinIcon.USERS.create());
  final Span message = new Span();

  /** The last save-as-segment dialog opened; null before any. */
  SaveSegmentDialog saveDialog;

  /** Not final so that a test can give it a small window and scroll past it. */
  CustomerPager pager;

  /** What the list shows. */
  SearchState state = SearchState.ALL;

  private final CustomerSearch search;
  private final NaturalLanguageSearch language;
  private final JsonMapper json;
  private final Segments segments;
  private final SegmentReevaluations reevaluations;
  private final String user;

  /** A state on its way through the URL, so arriving there does not read the sentence again. */
  private SearchState pending;

  public CustomerListView(
      CustomerSearch search,
      NaturalLanguageSearch language,
      JsonMapper json,
      Segments segments,
      SegmentReevaluations reevaluations,
      BulkJobs jobs,
      CustomerBulkActions bulkActions,
      CsvExport csv,
      AuthenticationContext authentication) {
    this.search = search;
    this.language = language;
    this.json = json;
    this.segments = segments;
    this.reevaluations = reevaluations;
    this.user = authentication.getPrincipalName().orElse("unknown");
    this.pager = new CustomerPager(search);
    addClassName("customer-list-view");
    setSizeFull();
    // Stable ids for end-to-end tests.
    searchField.setId("customer-search");
    searchButton.setId("customer-search-button");
    error.setId("customer-search-error");
    chips.setId("customer-chips");
    total.setId("customer-total");
    grid.setId("customer-grid");

    searchField.setPlaceholder("Show me customers from New York who spent over $500 last month");
    searchField.setAriaLabel("Search customers");
    searchField.setMaxLength(NaturalLanguageSearch.MAX_LENGTH);
    searchField.setClearButtonVisible(true);
    searchField.setWidthFull();
    searchButton.addThemeVariants(ButtonVariant.PRIMARY);
    searchButton.addClickListener(e -> search());
    searchButton.addClickShortcut(Key.ENTER).listenOn(searchField);
    HorizontalLayout searchBar = new HorizontalLayout(searchField, searchButton);
    searchBar.setWidthFull();
    error.getStyle().set("color", "var(--vaadin-error-color, #c00)");
    error.setVisible(false);

    chips.addListener(
        SearchChips.RemoveCondition.class, e -> show(state.withoutCondition(e.index)));
    chips.addListener(
        SearchChips.ChangeCondition.class, e -> show(state.withCondition(e.index, e.condition)));
    chips.addListener(SearchChips.RemoveFreeText.class, e -> show(state.withoutFreeText(e.index)));

    filters =
        new FilterPanel(filterGroups(segments), query -> search.facets(query, FilterPanel.VALUES));
    filters.addListener(FilterPanel.Changed.class, e -> show(state.withFilter(e.group, e.options)));

    boolean canChange = authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name());
    boolean canExport =
        authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name(), Role.ANALYST.name());
    // Rows are told apart by uuid, so a selection survives the list reading them again.
    grid.setItems(
        new CallbackDataProvider<>(this::fetch, query -> count(), Customer::customerUuid));
    grid.setSelectionMode(
        canChange || canExport ? Grid.SelectionMode.MULTI : Grid.SelectionMode.NONE);
    // By path, not by class: the dashboard links back to this list, and packages must not cycle.
    grid.addItemClickListener(
        e -> getUI().ifPresent(ui -> ui.navigate("customers/" + e.getItem().customerUuid())));
    columns = new ColumnPicker(grid, CustomerGrid.HIDDEN_BY_DEFAULT);
    bulk = new BulkActionBar(grid, jobs, bulkActions, csv, user, canChange, canExport);
    bulk.addListener(BulkActionBar.Done.class, e -> apply(state));

    saveSegment.addThemeVariants(ButtonVariant.TERTIARY);
    saveSegment.addClickListener(e -> openSaveSegment());
    saveSegment.setVisible(canChange);
    HorizontalLayout summary = new HorizontalLayout(total, message, saveSegment, columns);
    summary.setWidthFull();
    summary.setDefaultVerticalComponentAlignment(Alignment.CENTER);
    summary.expand(message);

    VerticalLayout list = new VerticalLayout(searchBar, error, chips, summary, bulk, grid);
    list.setPadding(false);
    list.setSizeFull();
    HorizontalLayout body = new HorizontalLayout(filters, list);
    body.setSizeFull();
    body.expand(list);
    add(new H2("Customers"), body);
  }

  /**
   * The panel's groups: profile values, segments, consent per channel, spend, orders, last order.
   */
  private static List<FilterGroup> filterGroups(Segments segments) {
    Map<String, String> segmentNames = new HashMap<>();
    segments.all().forEach(segment -> segmentNames.put(segment.key(), segment.name()));
    Map<String, Map<String, CustomerQuery>> buckets = CustomerSearch.FACET_BUCKETS;
    List<FilterGroup> groups = new ArrayList<>();
    groups.add(new FilterGroup.Values("status", "Status", "status", CustomerField.STATUS));
    groups.add(new FilterGroup.Values("country", "Country", "country", CustomerField.COUNTRY));
    groups.add(new FilterGroup.Values("city", "City", "city", CustomerField.CITY));
    groups.add(new FilterGroup.Values("persona", "Persona", "persona", CustomerField.PERSONA));
    groups.add(FilterGroup.Conditions.segments("segment", "Segment", "segment", segmentNames));
    Map<String, CustomerQuery> consent = buckets.get("consent");
    for (String[] channel :
        new String[][] {
          {"email", "Email consent"}, {"sms", "SMS consent"}, {"push", "Push consent"}
        }) {
      groups.add(
          FilterGroup.Conditions.fixed(
              "consent-" + channel[0],
              channel[1],
              "consent",
              Map.of(channel[0], consent.get(channel[0]))));
    }
    groups.add(
        FilterGroup.Conditions.fixed(
            "spent", "Total spent", "total_spent", buckets.get("total_spent")));
    groups.add(
        FilterGroup.Conditions.fixed(
            "orders", "Orders", "order_count", buckets.get("order_count")));
    groups.add(
        FilterGroup.Conditions.fixed(
            "lastOrder", "Last order", "last_order_at", buckets.get("last_order_at")));
    return groups;
  }

  private void openSaveSegment() {
    saveDialog = new SaveSegmentDialog(state, segments, reevaluations, json, user);
    saveDialog.addListener(
        SaveSegmentDialog.Saved.class,
        e ->
            message.setText(
                "Saved the segment '" + e.segment.name() + "'; its members are being filled in."));
    saveDialog.open();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    QueryParameters parameters = event.getLocation().getQueryParameters();
    SearchState next = pending;
    pending = null;
    String problem = null;
    if (next == null || !next.parameters(json).equals(parameters)) {
      try {
        next = fromLink(parameters);
      } catch (IllegalArgumentException e) {
        // A broken or hand-edited link: say why and show every customer rather than fail.
        next = SearchState.ALL;
        problem = e.getMessage();
      }
    }
    apply(next);
    if (problem != null) {
      showError(problem);
    }
  }

  /** The customers at a range of the list: ranked by relevance, or in the grid's sort. */
  private Stream<Customer> fetch(Query<Customer, Void> range) {
    List<UUID> ids =
        state.ranked()
            ? RankedPages.ids(
                search, state.query(), state.freeText(), range.getOffset(), range.getLimit())
            : pager.ids(
                state.query(),
                CustomerGrid.sortFields(range.getSortOrders()),
                range.getOffset(),
                range.getLimit());
    return search.customers(ids).stream();
  }

  /** How many rows the list has. */
  private int count() {
    return state.ranked()
        ? RankedPages.listable(search, state.query(), state.freeText())
        : (int) Math.min(Integer.MAX_VALUE, pager.count(state.query()));
  }

  /** Reads what is typed and shows the customers it means. */
  void search() {
    NaturalLanguageSearch.Reading reading;
    try {
      reading = language.read(searchField.getValue());
    } catch (IllegalArgumentException e) {
      showError(e.getMessage());
      return;
    }
    show(SearchState.read(searchField.getValue(), reading));
  }

  /**
   * The state a link means: its edited tree, or its sentence read afresh.
   *
   * @throws IllegalArgumentException when the link's tree or sentence is refused
   */
  private SearchState fromLink(QueryParameters parameters) {
    String sentence = parameters.getSingleParameter(SearchState.SENTENCE).orElse("");
    return SearchState.fromLink(parameters, json)
        .orElseGet(
            () ->
                sentence.isBlank()
                    ? SearchState.ALL
                    : SearchState.read(sentence, language.read(sentence)));
  }

  /**
   * Shows {@code next} by way of the URL (so back, reload and sharing work), or at once when the
   * URL would not change.
   */
  private void show(SearchState next) {
    QueryParameters parameters = next.parameters(json);
    UI ui = getUI().orElse(null);
    if (ui == null || parameters.equals(ui.getActiveViewLocation().getQueryParameters())) {
      apply(next);
      return;
    }
    pending = next;
    ui.navigate(CustomerListView.class, parameters);
  }

  private void apply(SearchState next) {
    state = next;
    error.setVisible(false);
    searchField.setValue(next.sentence());
    chips.show(next);
    filters.show(next);
    grid.sortable(!next.ranked());
    grid.getDataProvider().refreshAll();
    long count =
        next.ranked()
            ? RankedPages.total(search, next.query(), next.freeText())
            : search.count(next.query());
    String customers = NumberFormat.getIntegerInstance(Locale.US).format(count) + " customers";
    total.setText(
        !next.ranked()
            ? customers
            : customers
                + (count > CustomerSearch.MAX_RESULT_WINDOW
                    ? ", the 10,000 most relevant listed"
                    : ", most relevant first"));
    bulk.show(next, next.ranked() ? 0 : count);
  }

  private void showError(String message) {
    error.setText(message);
    error.setVisible(true);
  }
}
