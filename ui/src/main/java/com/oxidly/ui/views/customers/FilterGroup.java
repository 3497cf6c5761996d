package com.oxidly.ui.views.customers;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One group of the filter panel (status, city, spend...): options a marketer ticks, each a plain
 * condition of the customer query tree, and ticked options together one top-level condition of that
 * tree, the one the chips show. The group reads its ticks back from the tree, so the panel never
 * keeps a filter model of its own: removing the chip unticks the options.
 *
 * @param facet the facet of {@link com.oxidly.domain.search.CustomerSearch#facets} counting it
 */
sealed interface FilterGroup {

  String key();

  String label();

  String facet();

  /**
   * The options {@code condition} ticks, when this group would have built it; empty when it is some
   * other condition.
   */
  Optional<List<String>> ticked(CustomerQuery condition);

  /** The one condition for these ticked options (at least one). */
  CustomerQuery condition(List<String> options);

  /** How an option reads in the panel, before its count. */
  default String display(String option) {
    return option;
  }

  /** Values of a text field: one ticked is {@code is}, several {@code is one of}. */
  record Values(String key, String label, String facet, CustomerField field)
      implements FilterGroup {

    @Override
    public Optional<List<String>> ticked(CustomerQuery condition) {
      if (condition instanceof CustomerQuery.Field f
          && f.field() == field
          && (f.comparison().op() == Op.EQ || f.comparison().op() == Op.IN)) {
        return Optional.of(f.comparison().values().stream().map(String::valueOf).toList());
      }
      return Optional.empty();
    }

    @Override
    public CustomerQuery condition(List<String> options) {
      return new CustomerQuery.Field(
          field,
          options.size() == 1
              ? Comparison.of(Op.EQ, options.getFirst())
              : new Comparison(Op.IN, List.copyOf(options)));
    }
  }

  /**
   * Options that are each a condition of their own (a spend range, a consent, a segment): one
   * ticked is that condition, several an {@code or} of them.
   *
   * @param options option to its condition; for a segment group, built from the option (the key)
   * @param names how options read, when not as their key (segment names); may lack keys
   */
  record Conditions(
      String key,
      String label,
      String facet,
      Function<String, CustomerQuery> options,
      Function<CustomerQuery, Optional<String>> option,
      Map<String, String> names)
      implements FilterGroup {

    /** A group of fixed options, e.g. the buckets of a facet. */
    static Conditions fixed(
        String key, String label, String facet, Map<String, CustomerQuery> options) {
      return new Conditions(
          key,
          label,
          facet,
          options::get,
          condition ->
              options.entrySet().stream()
                  .filter(e -> e.getValue().equals(condition))
                  .map(Map.Entry::getKey)
                  .findFirst(),
          Map.of());
    }

    /** Membership of segments, by key. */
    static Conditions segments(String key, String label, String facet, Map<String, String> names) {
      return new Conditions(
          key,
          label,
          facet,
          CustomerQuery.InSegment::new,
          condition ->
              condition instanceof CustomerQuery.InSegment in
                  ? Optional.of(in.segment())
                  : Optional.empty(),
          names);
    }

    @Override
    public Optional<List<String>> ticked(CustomerQuery condition) {
      List<CustomerQuery> parts =
          condition instanceof CustomerQuery.Or or ? or.any() : List.of(condition);
      List<String> ticked = new ArrayList<>();
      for (CustomerQuery part : parts) {
        Optional<String> found = option.apply(part);
        if (found.isEmpty()) {
          return Optional.empty();
        }
        ticked.add(found.get());
      }
      return Optional.of(ticked);
    }

    @Override
    public CustomerQuery condition(List<String> ticked) {
      List<CustomerQuery> parts = ticked.stream().map(options).toList();
      return parts.size() == 1 ? parts.getFirst() : new CustomerQuery.Or(parts);
    }

    @Override
    public String display(String option) {
      return names.getOrDefault(option, option);
    }
  }

  /** Whether two option spellings are the same option (values compare folded, as queries do). */
  static boolean same(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }
}
