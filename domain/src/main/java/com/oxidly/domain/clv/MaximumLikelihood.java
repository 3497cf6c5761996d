package com.oxidly.domain.clv;

import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over strictly positive parameters with Hipparchus' derivative-free
 * optimisers.
 *
 * <p>The search runs over the logarithms of the parameters, so every point it tries is a valid
 * model and the scales of r (around 0.1-10) and alpha (weeks, or dollars for gamma) do not matter.
 * Nelder-Mead first, restarted from its own answer until a restart gains nothing (a single
 * Nelder-Mead run is known to stall on a collapsed simplex), then BOBYQA polishes the optimum with
 * its quadratic model; the better of the two answers wins.
 */
final class MaximumLikelihood {

  /** Highest log-likelihood found, at these parameters (natural scale, not logarithms). */
  record Estimate(double[] parameters, double logLikelihood) {}

  private static final int MAX_EVALUATIONS = 20_000;
  private static final int MAX_RESTARTS = 12;
  private static final double RESTART_GAIN = 1e-9;
  /* Log-parameters stay in [-30, 30]: parameters between 1e-13 and 1e13. */
  private static final double LOG_BOUND = 30;

  private MaximumLikelihood() {}

  /**
   * @param logLikelihood the function to maximise, of the natural-scale parameters; may return a
   *     non-finite value where the model is degenerate, which counts as the worst possible
   * @param start a starting point with every parameter strictly positive
   */
  static Estimate maximize(ToDoubleFunction<double[]> logLikelihood, double[] start) {
    Objective objective = new Objective(logLikelihood);
    double[] point = new double[start.length];
    for (int i = 0; i < start.length; i++) {
      if (!(start[i] > 0)) {
        throw new IllegalArgumentException("starting parameters must be positive");
      }
      point[i] = Math.log(start[i]);
    }
    objective.value(point);
    double previous = Double.NEGATIVE_INFINITY;
    for (int restart = 0; restart < MAX_RESTARTS; restart++) {
      point = nelderMead(objective, point);
      double value = objective.bestValue;
      if (value - previous <= RESTART_GAIN * Math.max(1, Math.abs(value))) {
        break;
      }
      previous = value;
    }
    bobyqa(objective, objective.bestPoint.clone());
    double[] parameters = new double[start.length];
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] = Math.exp(objective.bestPoint[i]);
    }
    return new Estimate(parameters, objective.bestValue);
  }

  private static double[] nelderMead(Objective objective, double[] from) {
    SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-12);
    try {
      PointValuePair result =
          optimizer.optimize(
              new MaxEval(MAX_EVALUATIONS),
              new ObjectiveFunction(objective::value),
              GoalType.MAXIMIZE,
              new InitialGuess(from),
              new NelderMeadSimplex(from.length, 0.5));
      return result.getPointRef().clone();
    } catch (MathRuntimeException e) {
      // Out of evaluations on a flat ridge: the best point seen is still the best answer.
      return objective.bestPoint.clone();
    }
  }

  private static void bobyqa(Objective objective, double[] from) {
    int dimension = from.length;
    double[] lower = new double[dimension];
    double[] upper = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      lower[i] = Math.min(-LOG_BOUND, from[i] - 1);
      upper[i] = Math.max(LOG_BOUND, from[i] + 1);
    }
    BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * dimension + 1, 0.05, 1e-10);
    try {
      optimizer.optimize(
          new MaxEval(MAX_EVALUATIONS),
          new ObjectiveFunction(objective::value),
          GoalType.MAXIMIZE,
          new InitialGuess(from),
          new SimpleBounds(lower, upper));
    } catch (MathRuntimeException e) {
      // BOBYQA only refines; the objective remembers the best point either way.
    }
  }

  /** The log-likelihood over log-parameters, remembering the best point it was asked about. */
  private static final class Objective {
    private final ToDoubleFunction<double[]> logLikelihood;
    private double[] bestPoint;
    private double bestValue = Double.NEGATIVE_INFINITY;

    Objective(ToDoubleFunction<double[]> logLikelihood) {
      this.logLikelihood = logLikelihood;
    }

    double value(double[] logParameters) {
      double[] parameters = new double[logParameters.length];
      for (int i = 0; i < parameters.length; i++) {
        parameters[i] = Math.exp(logParameters[i]);
      }
      double value = logLikelihood.applyAsDouble(parameters);
      if (!Double.isFinite(value)) {
        // Optimisers compare values; NaN would poison the comparisons.
        return -Double.MAX_VALUE;
      }
      if (bestPoint == null || value > bestValue) {
        bestValue = value;
        bestPoint = logParameters.clone();
      }
      return value;
    }
  }
}
