package com.oxidly.ui.views.customers;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch.FacetCount;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Filters beside the list, with how many customers each would show: a group of checkboxes per
 * facet. It shows what the query tree says (a group's ticks are read from its condition in the
 * tree) and fires {@link Changed} when a box is ticked; the view puts the change into the same tree
 * the chips show. A group's counts leave out its own condition, so ticking a second city shows how
 * many that city adds rather than 0.
 */
final class FilterPanel extends VerticalLayout {

  /** Values listed per value facet (most common first), besides those ticked. */
  static final int VALUES = 10;

  final Map<String, CheckboxGroup<String>> boxes = new LinkedHashMap<>();
  final Map<String, Details> sections = new LinkedHashMap<>();

  private final List<FilterGroup> groups;
  private final Function<CustomerQuery, Map<String, List<FacetCount>>> facets;
  private final Map<String, Map<String, Long>> counts = new HashMap<>();
  private boolean showing;

  /**
   * @param facets the facet counts of a query ({@code CustomerSearch.facets})
   */
  FilterPanel(
      List<FilterGroup> groups, Function<CustomerQuery, Map<String, List<FacetCount>>> facets) {
    this.groups = List.copyOf(groups);
    this.facets = facets;
    setPadding(false);
    setSpacing(false);
    setWidth("17em");
    addClassName("customer-filters");
    for (FilterGroup group : this.groups) {
      CheckboxGroup<String> box = new CheckboxGroup<>();
      box.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
      box.setAriaLabel(group.label());
      box.setItemLabelGenerator(option -> label(group, option));
      box.addValueChangeListener(
          e -> {
            if (!showing) {
              List<String> ticked =
                  box.getListDataView().getItems().filter(e.getValue()::contains).toList();
              fireEvent(new Changed(this, group, ticked));
            }
          });
      Details section = new Details(group.label(), box);
      section.setOpened(true);
      boxes.put(group.key(), box);
      sections.put(group.key(), section);
      add(section);
    }
  }

  /** Shows the options and counts for {@code state}, ticked as its query says. */
  void show(SearchState state) {
    Map<String, List<FacetCount>> all = facets.apply(state.query());
    List<CustomerQuery> conditions = state.conditions();
    showing = true;
    try {
      for (FilterGroup group : groups) {
        int at = state.filterIndex(group);
        List<String> ticked = at < 0 ? List.of() : group.ticked(conditions.get(at)).orElseThrow();
        // Without its own condition: what each option would show if ticked (or ticked alone).
        Map<String, List<FacetCount>> without =
            at < 0 ? all : facets.apply(state.withFilter(group, List.of()).query());
        Map<String, Long> byOption = new LinkedHashMap<>();
        without.getOrDefault(group.facet(), List.of()).stream()
            .limit(VALUES)
            .forEach(count -> byOption.put(count.value(), count.count()));
        List<String> options = new ArrayList<>(byOption.keySet());
        Set<String> value = new LinkedHashSet<>();
        for (String option : ticked) {
          String shown =
              options.stream().filter(o -> FilterGroup.same(o, option)).findFirst().orElse(null);
          if (shown == null) {
            options.add(option);
            shown = option;
          }
          value.add(shown);
        }
        counts.put(group.key(), byOption);
        CheckboxGroup<String> box = boxes.get(group.key());
        box.setItems(options);
        box.setValue(value);
        sections.get(group.key()).setVisible(!options.isEmpty());
      }
    } finally {
      showing = false;
    }
  }

  /** "Active (212)": the option and how many customers it would show. */
  String label(FilterGroup group, String option) {
    Long count = counts.getOrDefault(group.key(), Map.of()).get(option);
    return group.display(option) + (count == null ? "" : " (" + count + ")");
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** The marketer ticked or unticked an option: {@code options} are the group's ticks now. */
  static final class Changed extends ComponentEvent<FilterPanel> {
    final FilterGroup group;
    final List<String> options;

    Changed(FilterPanel source, FilterGroup group, List<String> options) {
      super(source, true);
      this.group = group;
      this.options = List.copyOf(options);
    }
  }
}
