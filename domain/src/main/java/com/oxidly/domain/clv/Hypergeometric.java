package com.oxidly.domain.clv;

/** Gauss's hypergeometric function, which the BG/NBD expectations need and Hipparchus lacks. */
final class Hypergeometric {

  /*
   * Enough for the worst case Oxidly meets: z = t / (alpha + T + t) approaches 1 only for a
   * customer whose first purchase was moments ago and a scale alpha far below the horizon, where the
   * series needs tens of thousands of terms. Beyond this the answer would be noise anyway.
   */
  private static final int MAX_TERMS = 2_000_000;

  private Hypergeometric() {}

  /**
   * 2F1(a, b; c; z) by its power series, for a, b, c > 0 and 0 <= z < 1, where every term is
   * positive, so summing until a term no longer changes the sum is exact to rounding.
   *
   * @throws ArithmeticException when z is so close to 1 that the series does not settle
   */
  static double gauss2F1(double a, double b, double c, double z) {
    if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) {
      throw new IllegalArgumentException(
          "2F1 needs a, b, c > 0 and 0 <= z < 1, got a=%s b=%s c=%s z=%s".formatted(a, b, c, z));
    }
    double term = 1;
    double sum = 1;
    for (int n = 0; n < MAX_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      double next = sum + term;
      // Terms shrink geometrically once n exceeds the parameters; stop when they vanish.
      if (next == sum && n > a + b) {
        return sum;
      }
      sum = next;
    }
    throw new ArithmeticException("2F1 series did not converge for z=" + z);
  }
}
