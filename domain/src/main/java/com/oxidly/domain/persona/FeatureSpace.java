package com.oxidly.domain.persona;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a customer's raw features become a point for k-means: each column is transformed (log1p for
 * the heavy-tailed counts and amounts), turned into a z-score with the fit sample's mean and
 * standard deviation, and weighted. A missing value (no age given, nothing written to score
 * sentiment on) becomes the store's mean, z = 0, so it neither attracts nor repels. Columns of one
 * block (the three consent channels, the category shares) share a weight of 1 / sqrt(block size),
 * so a block counts like one feature in distances however many columns it has.
 *
 * <p>Stored with each persona model, so customers are assigned later in exactly the space the
 * centroids were fitted in.
 *
 * @param columns the raw vector's columns, in order
 * @param categories the product categories whose spending shares are the last columns
 */
record FeatureSpace(List<Column> columns, List<String> categories) {

  /**
   * One column.
   *
   * @param key stable name, e.g. {@code recency_days} or {@code category:Coffee}
   * @param label how it reads to marketers
   * @param unit {@code days}, {@code orders}, {@code amount}, {@code score}, {@code years} or
   *     {@code share}
   * @param logScale whether log1p is applied before standardising
   * @param mean mean of the transformed values in the fit sample
   * @param scale their standard deviation; 0 when the column does not vary (it then counts for
   *     nothing)
   * @param weight multiplier after standardising
   */
  record Column(
      String key,
      String label,
      String unit,
      boolean logScale,
      double mean,
      double scale,
      double weight) {}

  FeatureSpace {
    columns = List.copyOf(columns);
    categories = List.copyOf(categories);
  }

  int dimensions() {
    return columns.size();
  }

  /**
   * The space fitted on raw rows (NaN = missing): means and deviations of the transformed values.
   *
   * @param layout the columns with mean and scale still unset
   */
  static FeatureSpace fit(List<Column> layout, List<String> categories, List<double[]> rows) {
    List<Column> fitted = new ArrayList<>(layout.size());
    for (int c = 0; c < layout.size(); c++) {
      Column column = layout.get(c);
      double sum = 0;
      double sumSquares = 0;
      int n = 0;
      for (double[] row : rows) {
        double value = row[c];
        if (!Double.isNaN(value)) {
          double t = transform(column, value);
          sum += t;
          sumSquares += t * t;
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double variance = n < 2 ? 0 : Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
      // Below this a column is constant up to rounding: dividing by it would blow noise up.
      double scale = Math.sqrt(variance) < 1e-9 ? 0 : Math.sqrt(variance);
      fitted.add(
          new Column(
              column.key(),
              column.label(),
              column.unit(),
              column.logScale(),
              mean,
              scale,
              column.weight()));
    }
    return new FeatureSpace(fitted, categories);
  }

  /** The weighted standardised point of a raw row. */
  double[] point(double[] raw) {
    double[] z = standardised(raw);
    for (int c = 0; c < z.length; c++) {
      z[c] *= columns.get(c).weight();
    }
    return z;
  }

  /** z-scores without weights: how many standard deviations from the store each value is. */
  double[] standardised(double[] raw) {
    Objects.checkIndex(columns.size() - 1, raw.length);
    double[] z = new double[columns.size()];
    for (int c = 0; c < z.length; c++) {
      Column column = columns.get(c);
      double value = raw[c];
      z[c] =
          Double.isNaN(value) || column.scale() == 0
              ? 0
              : (transform(column, value) - column.mean()) / column.scale();
    }
    return z;
  }

  private static double transform(Column column, double value) {
    return column.logScale() ? Math.log1p(Math.max(0, value)) : value;
  }
}
