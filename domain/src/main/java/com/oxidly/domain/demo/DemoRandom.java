package com.oxidly.domain.demo;

import java.util.SplittableRandom;

/**
 * Distributions on top of {@link SplittableRandom}. Only its long-stable primitives ({@code
 * nextLong}, {@code nextInt(bound)}, {@code nextDouble}) are used; normal, gamma and beta are
 * implemented here rather than taken from {@code RandomGenerator}'s default methods, whose
 * algorithms the JDK does not promise to keep, so a JDK upgrade does not change every demo store.
 * Logarithms and powers go through {@link StrictMath}: {@code Math} may differ by an ulp between
 * CPUs, and an ulp is enough to flip a threshold and change a whole customer.
 */
final class DemoRandom {

  private DemoRandom() {}

  /**
   * The random stream of one customer. Deriving it from (seed, index) alone is what makes a store
   * independent of chunk size, parallelism and the order in which chunks are written.
   */
  static SplittableRandom forCustomer(long seed, long index) {
    return new SplittableRandom(
        mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L)));
  }

  /** SplitMix64's finaliser: a cheap bijection that spreads nearby inputs far apart. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static boolean chance(SplittableRandom random, double probability) {
    return random.nextDouble() < probability;
  }

  static <T> T pick(SplittableRandom random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  /**
   * Fills a pattern: {@code #} any digit, {@code ?} a digit 1-9, {@code %} a digit 2-9, {@code @}
   * an upper-case letter as used in postcodes; anything else is copied.
   */
  static String fill(SplittableRandom random, String pattern) {
    StringBuilder out = new StringBuilder(pattern.length());
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '#' -> out.append((char) ('0' + random.nextInt(10)));
        case '?' -> out.append((char) ('1' + random.nextInt(9)));
        case '%' -> out.append((char) ('2' + random.nextInt(8)));
        case '@' -> out.append(POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length())));
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

  /** Uniform in [from, to] (inclusive); {@code from} when the range is empty. */
  static long between(SplittableRandom random, long from, long to) {
    if (to <= from) {
      return from;
    }
    return from + (long) (random.nextDouble() * (to - from + 1));
  }

  static double exponential(SplittableRandom random, double mean) {
    return -mean * StrictMath.log(1 - random.nextDouble());
  }

  /** Standard normal, Marsaglia's polar method. */
  static double gaussian(SplittableRandom random) {
    while (true) {
      double u = 2 * random.nextDouble() - 1;
      double v = 2 * random.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
      }
    }
  }

  /** Gamma with the given shape and scale 1 (Marsaglia and Tsang). */
  static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      double u = random.nextDouble();
      return gamma(random, shape + 1) * StrictMath.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = gaussian(random);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x
          || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  static double beta(SplittableRandom random, double a, double b) {
    double x = gamma(random, a);
    double y = gamma(random, b);
    return x / (x + y);
  }

  /** Cumulative weights for {@link #weighted}. */
  static double[] cumulative(double... weights) {
    double[] cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
    return cumulative;
  }

  /** An index drawn with the weights behind {@code cumulative}. */
  static int weighted(SplittableRandom random, double[] cumulative) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > x) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
