package com.oxidly.domain.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {

  @Test
  void identicalGroupingsScoreOneWhateverTheLabels() {
    assertThat(
            AdjustedRandIndex.of(
                new String[] {"a", "a", "b", "b", "c"}, new Integer[] {7, 7, 1, 1, 3}))
        .isEqualTo(1.0);
  }

  @Test
  void matchesTheTextbookExample() {
    // By hand: index 2, expected 6 * 3 / 15 = 1.2, maximum (6 + 3) / 2 = 4.5 -> 0.8 / 3.3.
    String[] truth = {"a", "a", "a", "b", "b", "b"};
    String[] found = {"x", "x", "y", "y", "z", "z"};
    assertThat(AdjustedRandIndex.of(truth, found)).isCloseTo(0.8 / 3.3, within(1e-12));
  }

  @Test
  void anUnrelatedGroupingScoresAboutZero() {
    String[] truth = new String[400];
    Integer[] found = new Integer[400];
    for (int i = 0; i < 400; i++) {
      truth[i] = "g" + (i % 4);
      found[i] = (i / 4) % 4;
    }
    assertThat(AdjustedRandIndex.of(truth, found)).isCloseTo(0, within(0.05));
  }
}
