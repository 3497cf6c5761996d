package com.oxidly.domain.clv;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Customers drawn from known BG/NBD and Gamma-Gamma parameters, exactly as the models describe
 * them, from a fixed seed.
 */
final class ClvSimulation {

  /** One simulated customer: purchase times in weeks since the first purchase, and amounts. */
  record Customer(double ageWeeks, List<Double> repeatTimes, List<Double> repeatAmounts) {
    FrequencyRecency history() {
      int x = repeatTimes.size();
      return FrequencyRecency.of(x, x == 0 ? 0 : repeatTimes.get(x - 1), ageWeeks);
    }

    double meanRepeatSpend() {
      return repeatAmounts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
  }

  private final RandomDataGenerator random;

  ClvSimulation(long seed) {
    random = RandomDataGenerator.of(new Well19937c(seed));
  }

  /**
   * @param minAgeWeeks shortest observation T (customers' first purchases are spread uniformly so
   *     that T lies between this and maxAgeWeeks)
   */
  List<Customer> customers(
      int count, BgNbd purchases, GammaGamma spend, double minAgeWeeks, double maxAgeWeeks) {
    List<Customer> customers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double ageWeeks = minAgeWeeks + random.nextDouble() * (maxAgeWeeks - minAgeWeeks);
      // Gamma(shape r, rate alpha) is Gamma(shape r, scale 1 / alpha).
      double rate = random.nextGamma(purchases.r(), 1 / purchases.alpha());
      double dropout = random.nextBeta(purchases.a(), purchases.b());
      double nu = random.nextGamma(spend.q(), 1 / spend.gamma());
      List<Double> times = new ArrayList<>();
      List<Double> amounts = new ArrayList<>();
      double time = 0;
      while (true) {
        time += random.nextExponential(1 / rate);
        if (time > ageWeeks) {
          break;
        }
        times.add(time);
        amounts.add(random.nextGamma(spend.p(), 1 / nu));
        // Dropout happens only right after a repeat purchase.
        if (random.nextDouble() < dropout) {
          break;
        }
      }
      customers.add(new Customer(ageWeeks, times, amounts));
    }
    return customers;
  }
}
