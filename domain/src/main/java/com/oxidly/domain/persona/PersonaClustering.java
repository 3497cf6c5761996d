package com.oxidly.domain.persona;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.DoublePoint;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.MultiKMeansPlusPlusClusterer;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.random.Well19937c;

/**
 * k-means++ (Hipparchus, best of a few seeded trials by within-cluster variance) for every k in a
 * range, keeping the k with the highest mean silhouette. The silhouette is quadratic in the points,
 * so it is measured on the first {@code silhouetteSample} points only; callers hand the points in
 * an order that does not depend on the data (a hash of the customer id), which makes that prefix a
 * uniform sample and the whole result reproducible for a seed.
 */
final class PersonaClustering {

  private static final int MAX_ITERATIONS = 300;

  private PersonaClustering() {}

  /**
   * @param centroids k centroids, the largest cluster (in the fitted points) first
   * @param silhouette mean silhouette of the chosen k
   * @param silhouettes mean silhouette of every k tried, by k
   */
  record Result(double[][] centroids, double silhouette, Map<Integer, Double> silhouettes) {

    int k() {
      return centroids.length;
    }
  }

  /**
   * @param points standardised feature vectors, all of one length
   * @param minK smallest k to try, at least 2
   * @param maxK largest k to try; lowered to the number of distinct points minus one when needed
   * @throws IllegalArgumentException when there are too few points for {@code minK}
   */
  static Result fit(
      double[][] points, int minK, int maxK, long seed, int trials, int silhouetteSample) {
    if (minK < 2 || maxK < minK) {
      throw new IllegalArgumentException("k range " + minK + ".." + maxK + " is not valid");
    }
    long distinct = Arrays.stream(points).map(Arrays::toString).distinct().count();
    int highest = (int) Math.min(maxK, distinct - 1);
    if (highest < minK) {
      throw new IllegalArgumentException(
          "clustering into at least " + minK + " groups needs more distinct customers");
    }
    List<DoublePoint> wrapped = Arrays.stream(points).map(DoublePoint::new).toList();
    double[][] sample = Arrays.copyOf(points, Math.min(points.length, silhouetteSample));
    Map<Integer, Double> silhouettes = new LinkedHashMap<>();
    double[][] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = minK; k <= highest; k++) {
      double[][] centroids = kMeans(wrapped, k, seed + k, trials);
      double score = silhouette(sample, labels(sample, centroids), k);
      silhouettes.put(k, score);
      // Ties go to the smaller k: fewer personas are easier to act on.
      if (score > bestScore) {
        bestScore = score;
        best = centroids;
      }
    }
    return new Result(largestFirst(best, points), bestScore, silhouettes);
  }

  private static double[][] kMeans(List<DoublePoint> points, int k, long seed, int trials) {
    KMeansPlusPlusClusterer<DoublePoint> clusterer =
        new KMeansPlusPlusClusterer<>(
            k,
            MAX_ITERATIONS,
            new EuclideanDistance(),
            new Well19937c(seed),
            KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_VARIANCE);
    List<CentroidCluster<DoublePoint>> clusters =
        new MultiKMeansPlusPlusClusterer<>(clusterer, trials).cluster(points);
    return clusters.stream().map(c -> c.getCenter().getPoint().clone()).toArray(double[][]::new);
  }

  /** Clusters ordered by their size among the points, largest first, ties by coordinates. */
  private static double[][] largestFirst(double[][] centroids, double[][] points) {
    int[] sizes = new int[centroids.length];
    for (int label : labels(points, centroids)) {
      sizes[label]++;
    }
    Integer[] order = new Integer[centroids.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(i -> -sizes[i])
            .thenComparing(i -> centroids[i], Arrays::compare));
    return Arrays.stream(order).map(i -> centroids[i]).toArray(double[][]::new);
  }

  /** Index of the nearest centroid (Euclidean); the lower index on a tie. */
  static int nearest(double[][] centroids, double[] point) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double distance = squaredDistance(centroids[c], point);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    return best;
  }

  static int[] labels(double[][] points, double[][] centroids) {
    int[] labels = new int[points.length];
    for (int i = 0; i < points.length; i++) {
      labels[i] = nearest(centroids, points[i]);
    }
    return labels;
  }

  /**
   * Mean silhouette (Rousseeuw 1987): for each point, a = mean distance to the others of its
   * cluster, b = the smallest mean distance to another cluster's points, s = (b - a) / max(a, b); 0
   * for a point alone in its cluster.
   */
  static double silhouette(double[][] points, int[] labels, int k) {
    int n = points.length;
    int[] sizes = new int[k];
    for (int label : labels) {
      sizes[label]++;
    }
    double total = 0;
    double[] sums = new double[k];
    for (int i = 0; i < n; i++) {
      Arrays.fill(sums, 0);
      for (int j = 0; j < n; j++) {
        if (j != i) {
          sums[labels[j]] += Math.sqrt(squaredDistance(points[i], points[j]));
        }
      }
      int own = labels[i];
      if (sizes[own] <= 1) {
        continue;
      }
      double a = sums[own] / (sizes[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && sizes[c] > 0) {
          b = Math.min(b, sums[c] / sizes[c]);
        }
      }
      if (Double.isFinite(b)) {
        double larger = Math.max(a, b);
        total += larger == 0 ? 0 : (b - a) / larger;
      }
    }
    return n == 0 ? 0 : total / n;
  }

  static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  /** Points per label. */
  static List<List<Integer>> members(int[] labels, int k) {
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      members.get(labels[i]).add(i);
    }
    return members;
  }
}
