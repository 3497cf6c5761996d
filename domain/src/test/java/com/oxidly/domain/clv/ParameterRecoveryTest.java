package com.oxidly.domain.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
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
    assertWithinFourStandardErrors(
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
    assertWithinFourStandardErrors(
        truth,
        estimate,
        parameters ->
            new GammaGamma(parameters[0], parameters[1], parameters[2]).logLikelihood(spends));
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(TRUE_SPEND.logLikelihood(spends));
  }

  private static void assertWithinFourStandardErrors(
      double[] truth, double[] estimate, ToDoubleFunction<double[]> logLikelihood) {
    double[] standardErrors = logScaleStandardErrors(estimate, logLikelihood);
    for (int i = 0; i < truth.length; i++) {
      double distance = Math.abs(Math.log(estimate[i]) - Math.log(truth[i]));
      assertThat(distance)
          .as(
              "parameter %d: estimate %s, truth %s, standard error of its log %s",
              i, estimate[i], truth[i], standardErrors[i])
          .isLessThan(4 * standardErrors[i]);
    }
  }

  /** Standard errors of the log-parameters from the observed information at the estimate. */
  private static double[] logScaleStandardErrors(
      double[] estimate, ToDoubleFunction<double[]> logLikelihood) {
    int n = estimate.length;
    double step = 1e-3;
    ToDoubleFunction<double[]> ofLogs =
        logs -> {
          double[] parameters = new double[n];
          for (int i = 0; i < n; i++) {
            parameters[i] = Math.exp(logs[i]);
          }
          return logLikelihood.applyAsDouble(parameters);
        };
    double[] center = new double[n];
    for (int i = 0; i < n; i++) {
      center[i] = Math.log(estimate[i]);
    }
    RealMatrix information = MatrixUtils.createRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double second =
            (ofLogs.applyAsDouble(shift(center, i, step, j, step))
                    - ofLogs.applyAsDouble(shift(center, i, step, j, -step))
                    - ofLogs.applyAsDouble(shift(center, i, -step, j, step))
                    + ofLogs.applyAsDouble(shift(center, i, -step, j, -step)))
                / (4 * step * step);
        information.setEntry(i, j, -second);
      }
    }
    RealMatrix covariance = MatrixUtils.inverse(information);
    double[] errors = new double[n];
    for (int i = 0; i < n; i++) {
      errors[i] = Math.sqrt(covariance.getEntry(i, i));
    }
    return errors;
  }

  private static double[] shift(double[] point, int i, double di, int j, double dj) {
    double[] shifted = point.clone();
    shifted[i] += di;
    shifted[j] += dj;
    return shifted;
  }
}
