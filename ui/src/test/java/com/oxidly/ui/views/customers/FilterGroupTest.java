package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.search.CustomerSearch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ticks become conditions of the chips' tree, and the tree gives the ticks back. */
class FilterGroupTest {

  static final FilterGroup CITY =
      new FilterGroup.Values("city", "City", "city", CustomerField.CITY);
  static final FilterGroup SPENT =
      FilterGroup.Conditions.fixed(
          "spent", "Total spent", "total_spent", CustomerSearch.FACET_BUCKETS.get("total_spent"));
  static final FilterGroup SEGMENT =
      FilterGroup.Conditions.segments(
          "segment", "Segment", "segment", Map.of("high value", "High Value"));

  @Test
  void tickingAddsOneConditionPerGroupAndUntickingRemovesIt() {
    SearchState state = SearchStateTest.read();
    int before = state.conditions().size();

    SearchState oneCity = state.withFilter(CITY, List.of("Boston"));
    // The sentence's own "city is new york" is the city group's condition: it is replaced.
    assertThat(oneCity.conditions()).hasSize(before);
    assertThat(oneCity.readable()).startsWith("city is boston and ");

    SearchState twoCities = oneCity.withFilter(CITY, List.of("Boston", "Paris"));
    assertThat(twoCities.conditions().getFirst())
        .isEqualTo(
            new CustomerQuery.Field(CustomerField.CITY, Comparison.of(Op.IN, "boston", "paris")));
    assertThat(CITY.ticked(twoCities.conditions().getFirst())).contains(List.of("boston", "paris"));

    SearchState spending = twoCities.withFilter(SPENT, List.of("100-500", "1000+"));
    assertThat(spending.conditions()).hasSize(before + 1);
    CustomerQuery added = spending.conditions().getLast();
    assertThat(added).isInstanceOf(CustomerQuery.Or.class);
    assertThat(SPENT.ticked(added)).contains(List.of("100-500", "1000+"));
    assertThat(spending.readable()).endsWith("(spent between 100 and 499.99 or spent >= 1000)");
    assertThat(spending.edited()).isTrue();

    SearchState noCity = spending.withFilter(CITY, List.of());
    assertThat(noCity.conditions()).hasSize(before);
    assertThat(noCity.filterIndex(CITY)).isEqualTo(-1);
    assertThat(noCity.filterIndex(SPENT)).isEqualTo(before - 1);
  }

  @Test
  void aRemovedChipLeavesTheGroupUnticked() {
    SearchState state =
        SearchState.ALL
            .withFilter(SEGMENT, List.of("high value"))
            .withFilter(CITY, List.of("Oslo"));
    assertThat(state.filterIndex(SEGMENT)).isZero();

    SearchState removed = state.withoutCondition(0);

    assertThat(removed.filterIndex(SEGMENT)).isEqualTo(-1);
    assertThat(removed.filterIndex(CITY)).isZero();
    assertThat(SEGMENT.display("high value")).isEqualTo("High Value");
  }

  @Test
  void aGroupDoesNotClaimConditionsItWouldNotBuild() {
    CustomerQuery spentOver =
        new CustomerQuery.Spent(Comparison.gt(500), null); // typed, not a bucket
    CustomerQuery notCity =
        new CustomerQuery.Field(CustomerField.CITY, Comparison.of(Op.NEQ, "oslo"));

    assertThat(SPENT.ticked(spentOver)).isEmpty();
    assertThat(CITY.ticked(notCity)).isEmpty();
    assertThat(
            SEGMENT.ticked(
                new CustomerQuery.Or(List.of(new CustomerQuery.InSegment("a"), spentOver))))
        .isEmpty();
  }
}
