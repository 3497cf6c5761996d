package com.oxidly.domain.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name=value} options of a benchmark. Unknown names are refused with the list of known
 * ones, so a typo never silently runs a benchmark with its defaults.
 */
public final class BenchOptions {

  private final Map<String, String> values;

  private BenchOptions(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}.
   *
   * @param known the option names this benchmark takes (without {@code --})
   * @throws IllegalArgumentException for an argument that is not {@code --name=value} with a known
   *     name
   */
  public static BenchOptions parse(String[] args, List<String> known) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0 || !known.contains(arg.substring(2, equals))) {
        throw new IllegalArgumentException(
            "Unknown argument '" + arg + "'; expected --name=value with a name from " + known);
      }
      values.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return new BenchOptions(values);
  }

  /** {@code first} and {@code more} as one list, for building the known names of a benchmark. */
  public static List<String> names(List<String> first, String... more) {
    List<String> names = new ArrayList<>(first);
    names.addAll(List.of(more));
    return names;
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** The value, or null when the option was not given. */
  public String get(String name) {
    return values.get(name);
  }

  public int getInt(String name, int fallback) {
    String value = values.get(name);
    return value == null ? fallback : Integer.parseInt(value);
  }

  /** These options with {@code name} set to {@code value} (a default made explicit). */
  public BenchOptions with(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new BenchOptions(copy);
  }

  /** Every option given, in order, for printing with the results. */
  public Map<String, String> given() {
    return Map.copyOf(values);
  }
}
