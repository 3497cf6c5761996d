package com.oxidly.domain.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * What demo store to generate.
 *
 * <p>The same spec always produces the same rows, whatever the chunking or parallelism of the load.
 * A bigger store is not a superset of a smaller one with the same seed: customers sign up in index
 * order across the whole three-year history, so the size shapes every customer's dates. Every
 * generated timestamp lies at or before {@code now} (truncated to the second), so a demo pinned to
 * a fixed application clock never shows activity "in the future".
 *
 * @param seed any value; different seeds give different stores
 * @param customers number of customers to generate, 0 to 1,000,000 inclusive (orders, reviews and
 *     interactions are derived from them: roughly 6 counted orders per customer on average)
 * @param now the store's "now"; signups span the three years before it
 */
public record DemoStoreSpec(long seed, int customers, Instant now) {

  /** The largest store the generator accepts, in customers. */
  public static final int MAX_CUSTOMERS = 1_000_000;

  public DemoStoreSpec {
    if (customers < 0 || customers > MAX_CUSTOMERS) {
      throw new IllegalArgumentException(
          "A demo store needs between 0 and "
              + MAX_CUSTOMERS
              + " customers, but "
              + customers
              + " were requested");
    }
    Objects.requireNonNull(now, "now");
  }
}
