package com.oxidly.domain.clv;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee 2005, "Counting your customers the easy
 * way", Marketing Science 24(2)): while alive, a customer buys at a Poisson rate lambda ~
 * Gamma(shape r, rate alpha); after each repeat purchase they drop out for good with probability p
 * ~ Beta(a, b). Time is in weeks; every method takes and returns weeks.
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha scale of the purchase-rate distribution, in weeks (mean rate r / alpha per week)
 * @param a first shape of the dropout-probability distribution
 * @param b second shape of the dropout-probability distribution
 */
record BgNbd(double r, double alpha, double a, double b) {

  BgNbd {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
      throw new IllegalArgumentException(
          "BG/NBD parameters must be positive: r=%s alpha=%s a=%s b=%s".formatted(r, alpha, a, b));
    }
  }

  /** The maximum-likelihood model and its log-likelihood. */
  record Fit(BgNbd model, double logLikelihood) {}

  /**
   * Fits the four parameters by maximum likelihood (FHL 2005, eq. 6).
   *
   * @param histories at least one with a repeat purchase, else the likelihood has no maximum
   */
  static Fit fit(List<FrequencyRecency> histories) {
    double repeatPurchases = 0;
    double ageWeeks = 0;
    for (FrequencyRecency history : histories) {
      repeatPurchases += (double) history.repeatPurchases() * history.customers();
      ageWeeks += history.ageWeeks() * history.customers();
    }
    if (repeatPurchases == 0 || ageWeeks == 0) {
      throw new IllegalArgumentException("BG/NBD needs at least one repeat purchase to fit");
    }
    /*
     * Start where the purchase rate matches the observed one (r / alpha = repeat purchases per
     * week of observation, ignoring dropout) with a moderate dropout probability a / (a + b) =
     * 1/4; the search is over log-parameters, so this only has to be the right order of magnitude.
     */
    double alphaStart = ageWeeks / repeatPurchases;
    double[] start = {1, alphaStart, 1, 3};
    MaximumLikelihood.Estimate estimate =
        MaximumLikelihood.maximize(
            parameters ->
                new BgNbd(parameters[0], parameters[1], parameters[2], parameters[3])
                    .logLikelihood(histories),
            start);
    double[] best = estimate.parameters();
    return new Fit(new BgNbd(best[0], best[1], best[2], best[3]), estimate.logLikelihood());
  }

  /**
   * The log-likelihood of these histories, each weighted by its number of customers, in its
   * numerically stable log-sum form: ln L = ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x)
   * - ln B(a, b) + ln[(alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x)].
   */
  double logLikelihood(List<FrequencyRecency> histories) {
    // The gamma-function part depends on x only: compute it once per distinct x.
    int maxRepeat = 0;
    for (FrequencyRecency history : histories) {
      maxRepeat = Math.max(maxRepeat, history.repeatPurchases());
    }
    double[] gammaTerms = new double[maxRepeat + 1];
    double lnGammaR = Gamma.logGamma(r);
    double lnGammaB = Gamma.logGamma(b);
    double lnGammaAB = Gamma.logGamma(a + b);
    double rLnAlpha = r * Math.log(alpha);
    for (int x = 0; x <= maxRepeat; x++) {
      gammaTerms[x] =
          Gamma.logGamma(r + x)
              - lnGammaR
              + rLnAlpha
              + Gamma.logGamma(b + x)
              + lnGammaAB
              - lnGammaB
              - Gamma.logGamma(a + b + x);
    }
    double lnA = Math.log(a);
    double sum = 0;
    for (FrequencyRecency history : histories) {
      int x = history.repeatPurchases();
      double stillAlive = -(r + x) * Math.log(alpha + history.ageWeeks());
      double customerLikelihood;
      if (x == 0) {
        customerLikelihood = gammaTerms[0] + stillAlive;
      } else {
        double droppedOut =
            lnA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + history.recencyWeeks());
        customerLikelihood = gammaTerms[x] + logSumExp(stillAlive, droppedOut);
      }
      sum += customerLikelihood * history.customers();
    }
    return sum;
  }

  /**
   * P(alive | x, t_x, T) (FHL 2005, eq. 11): the probability that the customer has not dropped out
   * by the end of their history. A customer with no repeat purchase is alive with probability 1 by
   * the model's definition: dropout can only happen right after a repeat purchase.
   */
  double probabilityAlive(FrequencyRecency history) {
    int x = history.repeatPurchases();
    if (x == 0) {
      return 1;
    }
    double lnOdds =
        Math.log(a)
            - Math.log(b + x - 1)
            + (r + x)
                * (Math.log(alpha + history.ageWeeks()) - Math.log(alpha + history.recencyWeeks()));
    return logistic(-lnOdds);
  }

  /**
   * E[X(t)]: expected repeat purchases of a new customer in their first t weeks (FHL 2005, eq. 9).
   */
  double expectedPurchases(double weeks) {
    if (weeks <= 0) {
      return 0;
    }
    double z = weeks / (alpha + weeks);
    double survivor =
        Math.pow(alpha / (alpha + weeks), r) * Hypergeometric.gauss2F1(r, b, a + b - 1, z);
    return (a + b - 1) / (a - 1) * (1 - survivor);
  }

  /**
   * E[Y(t) | x, t_x, T]: expected purchases in the next t weeks of a customer with this history
   * (FHL 2005, eq. 10).
   */
  double conditionalExpectedPurchases(double weeks, FrequencyRecency history) {
    if (weeks <= 0) {
      return 0;
    }
    int x = history.repeatPurchases();
    double ageWeeks = history.ageWeeks();
    double z = weeks / (alpha + ageWeeks + weeks);
    double c = a + b + x - 1;
    double survivor =
        Math.exp((r + x) * Math.log((alpha + ageWeeks) / (alpha + ageWeeks + weeks)))
            * Hypergeometric.gauss2F1(r + x, b + x, c, z);
    double whileAlive = c / (a - 1) * (1 - survivor);
    return whileAlive * probabilityAlive(history);
  }

  private static double logSumExp(double first, double second) {
    double max = Math.max(first, second);
    return max + Math.log(Math.exp(first - max) + Math.exp(second - max));
  }

  /** 1 / (1 + e^-v) without overflow for large |v|. */
  private static double logistic(double value) {
    if (value >= 0) {
      return 1 / (1 + Math.exp(-value));
    }
    double e = Math.exp(value);
    return e / (1 + e);
  }
}
