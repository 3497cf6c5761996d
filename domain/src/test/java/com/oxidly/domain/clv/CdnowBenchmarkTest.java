package com.oxidly.domain.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fits reproduce the published results on the literature's standard benchmark, the CDNOW sample
 * (2,357 customers, 39-week calibration): BG/NBD in Fader, Hardie and Lee (2005) and Gamma-Gamma in
 * Fader and Hardie (2013). Published parameters have three (BG/NBD) and two (Gamma-Gamma) decimals,
 * so a fit agrees when it rounds to them, allowing one unit in the last place for the optimiser's
 * own tolerance on a flat optimum.
 */
class CdnowBenchmarkTest {

  private static final BgNbd PUBLISHED_BG_NBD = new BgNbd(0.243, 4.414, 0.793, 2.426);

  @Test
  void theSampleIsTheOneThePapersUsed() {
    List<CdnowSample.Customer> customers = CdnowSample.customers();
    assertThat(customers).hasSize(2357);
    assertThat(customers.stream().filter(customer -> customer.x() > 0)).hasSize(946);
    assertThat(customers.stream().mapToInt(CdnowSample.Customer::x).sum()).isEqualTo(2457);
    // The published log-likelihood at the published parameters, to the published precision.
    assertThat(PUBLISHED_BG_NBD.logLikelihood(CdnowSample.histories()))
        .isCloseTo(-9582.4, within(0.05));
  }

  @Test
  void bgNbdFitReproducesFaderHardieLee2005() {
    BgNbd.Fit fit = BgNbd.fit(CdnowSample.histories());

    assertThat(fit.model().r()).isCloseTo(0.243, within(0.001));
    assertThat(fit.model().alpha()).isCloseTo(4.414, within(0.001));
    assertThat(fit.model().a()).isCloseTo(0.793, within(0.001));
    assertThat(fit.model().b()).isCloseTo(2.426, within(0.001));
    assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.05));
    // A maximum: at least as likely as the published (rounded) parameters.
    assertThat(fit.logLikelihood())
        .isGreaterThanOrEqualTo(PUBLISHED_BG_NBD.logLikelihood(CdnowSample.histories()));
  }

  @Test
  void gammaGammaFitReproducesFaderHardie2013() {
    GammaGamma.Fit fit = GammaGamma.fit(CdnowSample.repeatSpends());

    assertThat(fit.model().p()).isCloseTo(6.25, within(0.01));
    assertThat(fit.model().q()).isCloseTo(3.74, within(0.01));
    assertThat(fit.model().gamma()).isCloseTo(15.44, within(0.01));
  }

  @Test
  void conditionalExpectationMatchesThePapersWorkedCustomer() {
    // FHL 2005's spreadsheet: customer 1 (x = 2, t_x = 30.43, T = 38.86), next 39 weeks.
    double expected =
        PUBLISHED_BG_NBD.conditionalExpectedPurchases(39, FrequencyRecency.of(2, 30.43, 38.86));

    assertThat(expected).isCloseTo(1.226, within(0.0005));
  }

  @Test
  void unconditionalExpectationMatchesThePapersSpreadsheet() {
    /*
     * FHL 2005's spreadsheet, E[X(t)] for a new customer at t weeks, four decimals. The sheet
     * computes them from the unrounded estimates (the rounded ones give 1.0420 at 31.86 weeks),
     * so they are compared with this fit's model.
     */
    BgNbd fitted = BgNbd.fit(CdnowSample.histories()).model();
    double[] weeks = {0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0};
    double[] published = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
    for (int i = 0; i < weeks.length; i++) {
      assertThat(fitted.expectedPurchases(weeks[i]))
          .as("E[X(%s)]", weeks[i])
          .isCloseTo(published[i], within(0.0005));
    }
  }

  @Test
  void customersWithoutRepeatPurchaseAreAliveByDefinition() {
    // BG/NBD lets a customer drop out only right after a repeat purchase.
    assertThat(PUBLISHED_BG_NBD.probabilityAlive(FrequencyRecency.of(0, 0, 38.86))).isEqualTo(1);
    assertThat(PUBLISHED_BG_NBD.probabilityAlive(FrequencyRecency.of(0, 0, 500))).isEqualTo(1);
    // A repeat buyer who has been silent long is probably gone; a recent one probably not.
    double silent = PUBLISHED_BG_NBD.probabilityAlive(FrequencyRecency.of(4, 5, 38.86));
    double recent = PUBLISHED_BG_NBD.probabilityAlive(FrequencyRecency.of(4, 38, 38.86));
    assertThat(silent).isLessThan(0.2);
    assertThat(recent).isGreaterThan(0.8);
  }
}
