package com.oxidly.ui.views.customers;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
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

  /** Not final so that a test can give it a small window and scroll past it. */
  CustomerPager pager;

  /** What the list shows. */
  SearchState state = SearchState.ALL;

  private final CustomerSearch search;
  private final NaturalLanguageSearch language;
  private final JsonMapper json;

  /** A state on its way through the URL, so arriving there does not read the sentence again. */
  private SearchState pending;

  public CustomerListView(CustomerSearch search, NaturalLanguageSearch language, JsonMapper json) {
    this.search = search;
    this.language = language;
    this.json = json;
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

    grid.setItems(this::fetch, query -> count());
    // By path, not by class: the dashboard links back to this list, and packages must not cycle.
    grid.addItemClickListener(
        e -> getUI().ifPresent(ui -> ui.navigate("customers/" + e.getItem().customerUuid())));

    add(new H2("Customers"), searchBar, error, chips, total, grid);
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
  }

  private void showError(String message) {
    error.setText(message);
    error.setVisible(true);
  }
}
