package com.oxidly.domain.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fits recover the parameters that generated the data. Tolerance from the sample size: each
 * estimate must lie within four standard errors of the truth, the standard errors taken from the
 * observed Fisher information (the negated Hessian of the log-likelihood at the estimate, by finite
 * differences in log-parameters). A correct maximum-likelihood fit misses that only with
 * probability ~6e-5 per parameter; the data are seeded, so the test is deterministic anyway.
 */
class ParameterRecoveryTest {

  private static final BgNbd TRUE_PURCHASES = new BgNbd(0.55, 6.0, 0.85, 3.2);
  private static final GammaGamma TRUE_SPEND = new GammaGamma(5.0, 3.5, 20.0);

  @Test
  void bgNbdRecoversSimulatedParameters() {
    List<ClvSimulation.Customer> customers =
        new ClvSimulation(20261124L).customers(20_000, TRUE_PURCHASES, TRUE_SPEND, 26, 78);
    List<FrequencyRecency> histories =
        customers.stream().map(ClvSimulation.Customer::history).toList();

    BgNbd.Fit fit = BgNbd.fit(histories);

    double[] truth = {
      TRUE_PURCHASES.r(), TRUE_PURCHASES.alpha(), TRUE_PURCHASES.a(), TRUE_PURCHASES.b()
    };
    BgNbd found = fit.model();
    double[] estimate = {found.r(), found.alpha(), found.a(), found.b()};
    ObservedInformation.assertWithinFourStandardErrors(
        truth,
        estimate,
        parameters ->
            new BgNbd(parameters[0], parameters[1], parameters[2], parameters[3])
                .logLikelihood(histories));
    // The estimate is the maximum: the truth is no more likely than it.
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(TRUE_PURCHASES.logLikelihood(histories));
  }

  @Test
  void gammaGammaRecoversSimulatedParameters() {
    List<RepeatSpend> spends =
        new ClvSimulation(7L)
            .customers(20_000, TRUE_PURCHASES, TRUE_SPEND, 26, 78).stream()
                .filter(customer -> !customer.repeatTimes().isEmpty())
                .map(
                    customer ->
                        new RepeatSpend(
                            customer.repeatTimes().size(), customer.meanRepeatSpend(), 1))
                .toList();

    GammaGamma.Fit fit = GammaGamma.fit(spends);

    double[] truth = {TRUE_SPEND.p(), TRUE_SPEND.q(), TRUE_SPEND.gamma()};
    GammaGamma found = fit.model();
    double[] estimate = {found.p(), found.q(), found.gamma()};
    ObservedInformation.assertWithinFourStandardErrors(
        truth,
        estimate,
        parameters ->
            new GammaGamma(parameters[0], parameters[1], parameters[2]).logLikelihood(spends));
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(TRUE_SPEND.logLikelihood(spends));
  }
}
