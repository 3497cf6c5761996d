package com.oxidly.domain.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Tolerances for parameter recovery that follow from the sample: the standard errors of the
 * log-parameters from the observed Fisher information (the negated Hessian of the log-likelihood at
 * the estimate, by central finite differences). A correct maximum-likelihood fit lies more than
 * four standard errors from the truth with probability ~6e-5 per parameter.
 */
final class ObservedInformation {

  private static final double STEP = 1e-3;

  private ObservedInformation() {}

  static void assertWithinFourStandardErrors(
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

  /** Standard errors of the log-parameters at the estimate. */
  static double[] logScaleStandardErrors(
      double[] estimate, ToDoubleFunction<double[]> logLikelihood) {
    int n = estimate.length;
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
            (ofLogs.applyAsDouble(shift(center, i, STEP, j, STEP))
                    - ofLogs.applyAsDouble(shift(center, i, STEP, j, -STEP))
                    - ofLogs.applyAsDouble(shift(center, i, -STEP, j, STEP))
                    + ofLogs.applyAsDouble(shift(center, i, -STEP, j, -STEP)))
                / (4 * STEP * STEP);
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
