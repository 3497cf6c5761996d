package com.oxidly.domain.clv;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader and Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"): a customer's purchase amounts are Gamma(shape p, rate nu), and nu varies across
 * customers as Gamma(shape q, rate gamma). Spend is independent of purchase timing, which is what
 * lets it combine with BG/NBD. Amounts are in the orders' currency.
 *
 * @param p shape of the amounts of one customer's purchases
 * @param q shape of the distribution of nu across customers
 * @param gamma rate of the distribution of nu across customers (currency units)
 */
record GammaGamma(double p, double q, double gamma) {

  GammaGamma {
    if (!(p > 0 && q > 0 && gamma > 0)) {
      throw new IllegalArgumentException(
          "Gamma-Gamma parameters must be positive: p=%s q=%s gamma=%s".formatted(p, q, gamma));
    }
  }

  /** The maximum-likelihood model and its log-likelihood. */
  record Fit(GammaGamma model, double logLikelihood) {}

  /**
   * Fits p, q and gamma by maximum likelihood on repeat customers' mean spend.
   *
   * @param spends at least one
   */
  static Fit fit(List<RepeatSpend> spends) {
    double customers = 0;
    double total = 0;
    for (RepeatSpend spend : spends) {
      customers += spend.customers();
      total += spend.meanRepeatSpend() * spend.customers();
    }
    if (customers == 0) {
      throw new IllegalArgumentException("Gamma-Gamma needs at least one repeat customer to fit");
    }
    /*
     * Start at p = 1, q = 2 with gamma making the population mean p gamma / (q - 1) equal the
     * observed mean; the search is over log-parameters, so the order of magnitude is what counts.
     */
    double[] start = {1, 2, total / customers};
    MaximumLikelihood.Estimate estimate =
        MaximumLikelihood.maximize(
            parameters ->
                new GammaGamma(parameters[0], parameters[1], parameters[2]).logLikelihood(spends),
            start);
    double[] best = estimate.parameters();
    return new Fit(new GammaGamma(best[0], best[1], best[2]), estimate.logLikelihood());
  }

  /**
   * The log-likelihood of these mean spends, each weighted by its number of customers: the density
   * of z-bar given x is Gamma(px+q) / (Gamma(px) Gamma(q)) gamma^q z-bar^(px-1) x^(px) / (gamma + x
   * z-bar)^(px+q).
   */
  double logLikelihood(List<RepeatSpend> spends) {
    double lnGammaQ = Gamma.logGamma(q);
    double qLnGamma = q * Math.log(gamma);
    double sum = 0;
    for (RepeatSpend spend : spends) {
      double x = spend.repeatPurchases();
      double mean = spend.meanRepeatSpend();
      double px = p * x;
      double density =
          Gamma.logGamma(px + q)
              - Gamma.logGamma(px)
              - lnGammaQ
              + qLnGamma
              + (px - 1) * Math.log(mean)
              + px * Math.log(x)
              - (px + q) * Math.log(gamma + x * mean);
      sum += density * spend.customers();
    }
    return sum;
  }

  /**
   * The population's mean spend per purchase, p gamma / (q - 1); infinite when q <= 1 (spend too
   * heavy-tailed to have a mean).
   */
  double populationMeanSpend() {
    return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
  }

  /**
   * E[M | x, z-bar]: the expected spend per future purchase of a customer with x repeat purchases
   * of mean z-bar (Fader and Hardie 2013, eq. 5), p (gamma + x z-bar) / (p x + q - 1), a weighted
   * mean of the population mean and the customer's own. With x = 0 it is the population mean.
   *
   * @param repeatPurchases x >= 0
   * @param meanRepeatSpend z-bar (ignored when x = 0)
   */
  double conditionalExpectedSpend(int repeatPurchases, double meanRepeatSpend) {
    if (repeatPurchases == 0) {
      return populationMeanSpend();
    }
    double denominator = p * repeatPurchases + q - 1;
    if (denominator <= 0) {
      // Only possible with q < 1 and tiny p x: no finite expectation; the customer's own mean is
      // the best finite answer.
      return meanRepeatSpend;
    }
    return p * (gamma + repeatPurchases * meanRepeatSpend) / denominator;
  }
}
