package com.oxidly.domain.clv;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One fit of the lifetime-value models, as stored. Time is in weeks ({@link #timeUnit()}); money in
 * the orders' currency.
 *
 * @param id the fit's number, increasing
 * @param fittedAt when the fit finished
 * @param calibrationEnd counted orders up to the end of this day (store time zone) were used
 * @param timeUnit always {@code "weeks"}: the unit of alpha, of t_x and T, and of the horizon
 * @param customersUsed customers with at least one counted order by the calibration end
 * @param repeatCustomersUsed those among them with at least one repeat purchase day and positive
 *     repeat spend, on which the Gamma-Gamma model was fitted
 * @param r BG/NBD shape of the purchase-rate distribution
 * @param alpha BG/NBD scale of the purchase-rate distribution, in weeks
 * @param a BG/NBD first shape of the dropout-probability distribution
 * @param b BG/NBD second shape of the dropout-probability distribution
 * @param bgNbdLogLikelihood the BG/NBD log-likelihood at (r, alpha, a, b), natural log
 * @param p Gamma-Gamma shape of one customer's purchase amounts
 * @param q Gamma-Gamma shape of the spread of customers' spend rates
 * @param gamma Gamma-Gamma rate of the spread of customers' spend rates, in currency units
 * @param gammaGammaLogLikelihood the Gamma-Gamma log-likelihood at (p, q, gamma), natural log
 */
public record ClvModel(
    long id,
    Instant fittedAt,
    LocalDate calibrationEnd,
    String timeUnit,
    int customersUsed,
    int repeatCustomersUsed,
    double r,
    double alpha,
    double a,
    double b,
    double bgNbdLogLikelihood,
    double p,
    double q,
    double gamma,
    double gammaGammaLogLikelihood) {

  /** The unit of every time in the models. */
  public static final String WEEKS = "weeks";

  BgNbd purchases() {
    return new BgNbd(r, alpha, a, b);
  }

  GammaGamma spend() {
    return new GammaGamma(p, q, gamma);
  }
}
