package com.oxidly.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextRelevanceTest {

  @Test
  void searchesWhatWasWrittenAboutNotHowItWasSaid() {
    assertThat(TextRelevance.contentWords(List.of("complained about late delivery")))
        .containsExactly("late", "delivery");
    assertThat(TextRelevance.contentWords(List.of("loves Espresso", "espresso machines")))
        .containsExactly("espresso", "machines");
    assertThat(TextRelevance.contentWords(List.of("complained about the"))).isEmpty();
  }
}
