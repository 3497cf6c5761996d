package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.nlsearch.Interpretation;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch.Reading;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.TimeWindow;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The list's state: its chips as conditions, and its round trip through a URL. */
class SearchStateTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static final CustomerQuery CITY =
      new CustomerQuery.Field(CustomerField.CITY, Comparison.of(Op.EQ, "New York"));
  static final CustomerQuery SPENT =
      new CustomerQuery.Spent(
          Comparison.gt(500), new TimeWindow.Calendar(TimeWindow.Unit.MONTH, -1));

  static SearchState read() {
    CustomerQuery query = new CustomerQuery.And(List.of(CITY, SPENT));
    return SearchState.read(
        "  loyal customers from New York who spent over $500 last month  ",
        new Reading(
            new Interpretation(query, "whatever", List.of("loyal"), List.of("late delivery")),
            "local",
            null));
  }

  @Test
  void anAndGivesOneConditionEachAndRemovingThemAllMeansEveryCustomer() {
    SearchState state = read();
    assertThat(state.conditions()).containsExactly(CITY, SPENT);
    assertThat(state.readable()).isEqualTo("city is new york and spent last month > 500");

    SearchState spentOnly = state.withoutCondition(0);
    assertThat(spentOnly.query()).isEqualTo(SPENT);
    assertThat(spentOnly.conditions()).containsExactly(SPENT);
    assertThat(spentOnly.edited()).isTrue();
    assertThat(spentOnly.withoutCondition(0).query()).isEqualTo(new CustomerQuery.All());
    assertThat(spentOnly.withoutCondition(0).conditions()).isEmpty();
    assertThat(state.withCondition(1, CITY).query())
        .isEqualTo(new CustomerQuery.And(List.of(CITY, CITY)));
    assertThat(state.ranked()).isTrue();
    assertThat(state.withoutFreeText(0).ranked()).isFalse();
  }

  @Test
  void anUneditedReadingTravelsAsItsSentenceAndAnEditedOneWithItsTree() {
    SearchState state = read();
    assertThat(state.parameters(JSON).getParameters())
        .containsOnlyKeys("q")
        .containsEntry(
            "q", List.of("loyal customers from New York who spent over $500 last month"));
    assertThat(SearchState.fromLink(state.parameters(JSON), JSON)).isEmpty();

    SearchState edited = state.withoutCondition(0);
    // Through the encoded URL, as a browser would carry it.
    String url = new Location("customers", edited.parameters(JSON)).getPathWithQueryParameters();
    QueryParameters back = new Location(url).getQueryParameters();
    SearchState restored = SearchState.fromLink(back, JSON).orElseThrow();
    assertThat(restored.query()).isEqualTo(SPENT);
    assertThat(restored.freeText()).containsExactly("late delivery");
    assertThat(restored.ignored()).containsExactly("loyal");
    assertThat(restored.sentence()).isEqualTo(state.sentence());
    assertThat(restored.parameters(JSON)).isEqualTo(edited.parameters(JSON));

    SearchState nothingLeft = edited.withoutCondition(0).withoutFreeText(0);
    assertThat(SearchState.fromLink(nothingLeft.parameters(JSON), JSON).orElseThrow().query())
        .isEqualTo(new CustomerQuery.All());
  }

  @Test
  void aBrokenTreeInALinkIsRefusedWithItsReason() {
    assertThatThrownBy(
            () ->
                SearchState.fromLink(
                    QueryParameters.of(
                        "query",
                        "{\"type\":\"spent\",\"comparison\":{\"op\":\"gt\",\"values\":[\"lots\"]}}"),
                    JSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the link's query is not valid: 'lots' is not a number");
    assertThatThrownBy(() -> SearchState.fromLink(QueryParameters.of("query", "{oops"), JSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the link's query is not a customer query tree");
  }
}
