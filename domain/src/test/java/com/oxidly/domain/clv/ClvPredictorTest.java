package com.oxidly.domain.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Per-customer outputs with the CDNOW estimates (FHL 2005, Fader and Hardie 2013). */
class ClvPredictorTest {

  private static final BgNbd PURCHASES = new BgNbd(0.243, 4.414, 0.793, 2.426);
  private static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);
  private static final FrequencyRecency CUSTOMER_ONE = FrequencyRecency.of(2, 30.43, 38.86);

  @Test
  void withoutDiscountLifetimeValueIsSpendTimesPurchases() {
    ClvPredictor.Prediction prediction =
        new ClvPredictor(PURCHASES, SPEND, 12, 0).predict(CUSTOMER_ONE, 22.35);

    double weeks = 12 * ClvPredictor.WEEKS_PER_MONTH;
    assertThat(prediction.expectedPurchases())
        .isCloseTo(PURCHASES.conditionalExpectedPurchases(weeks, CUSTOMER_ONE), within(1e-12));
    assertThat(prediction.lifetimeValue())
        .isCloseTo(
            prediction.expectedAverageSpend() * prediction.expectedPurchases(), within(1e-9));
  }

  @Test
  void discountedValueSumsDiscountedMonths() {
    double rate = 0.01;
    ClvPredictor.Prediction prediction =
        new ClvPredictor(PURCHASES, SPEND, 12, rate).predict(CUSTOMER_ONE, 22.35);

    double expected = 0;
    for (int month = 1; month <= 12; month++) {
      double inMonth =
          PURCHASES.conditionalExpectedPurchases(month * ClvPredictor.WEEKS_PER_MONTH, CUSTOMER_ONE)
              - PURCHASES.conditionalExpectedPurchases(
                  (month - 1) * ClvPredictor.WEEKS_PER_MONTH, CUSTOMER_ONE);
      expected += inMonth / Math.pow(1 + rate, month);
    }
    assertThat(prediction.lifetimeValue())
        .isCloseTo(prediction.expectedAverageSpend() * expected, within(1e-9));
    double undiscounted =
        new ClvPredictor(PURCHASES, SPEND, 12, 0).predict(CUSTOMER_ONE, 22.35).lifetimeValue();
    assertThat(prediction.lifetimeValue()).isLessThan(undiscounted);
  }

  @Test
  void expectedSpendShrinksTheCustomersMeanTowardsThePopulationMean() {
    // Fader and Hardie 2013: E[M] = p (gamma + x z) / (p x + q - 1).
    double expected = 6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1);
    double population = 6.25 * 15.44 / (3.74 - 1);

    assertThat(SPEND.conditionalExpectedSpend(2, 22.35)).isCloseTo(expected, within(1e-12));
    assertThat(SPEND.populationMeanSpend()).isCloseTo(population, within(1e-12));
    assertThat(expected).isBetween(22.35, population);
  }

  @Test
  void customerWithoutRepeatPurchaseIsAliveAndSpendsThePopulationMean() {
    ClvPredictor.Prediction prediction =
        new ClvPredictor(PURCHASES, SPEND, 12, 0.01).predict(FrequencyRecency.of(0, 0, 30), 0);

    assertThat(prediction.probabilityAlive()).isEqualTo(1);
    assertThat(prediction.expectedAverageSpend()).isEqualTo(SPEND.populationMeanSpend());
    assertThat(prediction.expectedPurchases()).isPositive();
    assertThat(prediction.lifetimeValue()).isPositive();
  }
}
