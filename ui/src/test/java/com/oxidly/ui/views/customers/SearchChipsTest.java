package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.nlsearch.Interpretation;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch.Reading;
import com.oxidly.domain.query.CustomerQuery;
import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.Button;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reading shown back, whoever read it, and the events its chips fire. */
class SearchChipsTest {

  @Test
  void showsTheModelsReadingOrTheNoticeWhyTheParserReadItInstead() {
    SearchChips chips = new SearchChips();
    Interpretation interpretation =
        new Interpretation(new CustomerQuery.All(), "all customers", List.of("loyal"), List.of());

    chips.show(SearchState.read("loyal folks", new Reading(interpretation, "model", null)));
    assertThat(chips.source.getText()).isEqualTo("read by the language model");
    assertThat(chips.source.isVisible()).isTrue();
    assertThat(chips.notice.isVisible()).isFalse();
    assertThat(chips.ignored).extracting(Badge::getText).containsExactly("ignored: 'loyal'");
    assertThat(chips.readable.getText()).isEqualTo("Showing: all customers");

    chips.show(
        SearchState.read(
            "loyal folks",
            new Reading(
                interpretation,
                "local",
                "the language model timed out; the local parser read the search instead")));
    assertThat(chips.source.getText()).isEqualTo("read by the local parser");
    assertThat(chips.notice.isVisible()).isTrue();
    assertThat(chips.notice.getText())
        .isEqualTo("the language model timed out; the local parser read the search instead");
  }

  @Test
  void chipsFireWhichConditionOrPhraseToRemove() {
    SearchChips chips = new SearchChips();
    chips.show(SearchStateTest.read());
    List<String> fired = new ArrayList<>();
    chips.addListener(SearchChips.RemoveCondition.class, e -> fired.add("condition " + e.index));
    chips.addListener(SearchChips.RemoveFreeText.class, e -> fired.add("phrase " + e.index));

    assertThat(chips.conditions).hasSize(2);
    assertThat(chips.phrases).hasSize(1);
    click(chips.conditions.get(1).remove);
    click(chips.phrases.getFirst().remove);

    assertThat(fired).containsExactly("condition 1", "phrase 0");
    assertThat(chips.conditions.getFirst().remove.getAriaLabel())
        .contains("Remove city is new york");
  }

  private static void click(Button button) {
    ComponentUtil.fireEvent(button, new ClickEvent<>(button));
  }
}
