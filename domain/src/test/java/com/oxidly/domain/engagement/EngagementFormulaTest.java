package com.oxidly.domain.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngagementFormulaTest {

  private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
  private static final EngagementProperties DEFAULTS = EngagementProperties.defaults();

  @Test
  void aCustomerWhoDoesEverythingScoresAHundredAndOneWhoDoesNothingZero() {
    Engagement best = EngagementFormula.score(new EngagementInputs(NOW, 6, 3, 2), DEFAULTS, NOW);
    Engagement none = EngagementFormula.score(new EngagementInputs(null, 0, 0, 0), DEFAULTS, NOW);

    assertThat(best.score()).isEqualTo(100);
    assertThat(none.score()).isZero();
    assertThat(none.explanation())
        .isEqualTo(
            "no orders yet +0, 0 orders in the last year +0, 0 reviews in the last year +0,"
                + " 0 campaign responses in the last 180 days +0");
  }

  @Test
  void recencyHalvesEveryHalfLifeAndTheOtherFactorsSaturateAtTheirTargets() {
    Engagement engagement =
        EngagementFormula.score(
            new EngagementInputs(NOW.minus(Duration.ofDays(60)), 3, 10, 1), DEFAULTS, NOW);

    assertThat(engagement.contributions())
        .extracting(Engagement.Contribution::points)
        .containsExactly(20, 15, 15, 8);
    assertThat(engagement.score()).isEqualTo(58);
    assertThat(engagement.explanation())
        .isEqualTo(
            "last order 60 days ago +20, 3 orders in the last year +15, 10 reviews in the last"
                + " year +15, 1 campaign response in the last 180 days +8");
  }

  @Test
  void theScoreIsAlwaysTheSumOfItsContributionsAndWithinRange() {
    for (int days = 0; days < 800; days += 7) {
      for (int orders = 0; orders < 12; orders += 3) {
        Engagement e =
            EngagementFormula.score(
                new EngagementInputs(NOW.minus(Duration.ofDays(days)), orders, days % 5, days % 3),
                DEFAULTS,
                NOW);
        assertThat(e.score())
            .isBetween(0, 100)
            .isEqualTo(e.contributions().stream().mapToInt(Engagement.Contribution::points).sum());
      }
    }
  }

  @Test
  void weightsThatDoNotAddUpToAHundredAreRefusedNamingTheirSum() {
    assertThatThrownBy(() -> new EngagementProperties(50, null, 30, null, 15, null, 15, null, null))
        .hasMessageContaining("add up to 100")
        .hasMessageContaining("110");
  }
}
