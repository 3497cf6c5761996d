package com.oxidly.domain.nlsearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the search language knows about the world, as opposed to the store: English country names
 * (from the JDK), other names and demonyms of countries, and cities known under several names.
 * Loaded once from the JDK and the resources {@code nlsearch/countries.tsv} and {@code
 * nlsearch/exonyms.tsv}.
 */
final class LanguageTables {

  /** Folded words of a country name, alias or demonym -> alpha-2 code. */
  static final Map<List<String>, String> COUNTRY_NAMES;

  /** Each line of the exonym table: the folded words of every name of one city. */
  static final List<List<List<String>>> CITY_NAMES;

  static {
    Map<List<String>, String> countries = new LinkedHashMap<>();
    for (String code : Locale.getISOCountries()) {
      String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
      for (String variant : variants(name)) {
        countries.putIfAbsent(Words.of(variant), code);
      }
    }
    for (String[] line : lines("countries.tsv", "\t")) {
      for (String alias : line[1].split(",")) {
        countries.put(Words.of(alias.trim()), line[0].trim());
      }
    }
    countries.remove(List.<String>of());
    COUNTRY_NAMES = Map.copyOf(countries);
    List<List<List<String>>> cities = new ArrayList<>();
    for (String[] line : lines("exonyms.tsv", ",")) {
      List<List<String>> names = new ArrayList<>();
      for (String name : line) {
        names.add(Words.of(name.trim()));
      }
      cities.add(List.copyOf(names));
    }
    CITY_NAMES = List.copyOf(cities);
  }

  private LanguageTables() {}

  /**
   * A CLDR name and its readable variants: "Myanmar (Burma)" gives "Myanmar" and "Burma", "Bosnia &
   * Herzegovina" also "Bosnia and Herzegovina", "St. Lucia" also "Saint Lucia".
   */
  private static List<String> variants(String name) {
    List<String> variants = new ArrayList<>();
    int paren = name.indexOf('(');
    if (paren > 0 && name.endsWith(")")) {
      variants.add(name.substring(paren + 1, name.length() - 1));
      name = name.substring(0, paren).trim();
    }
    variants.add(name);
    if (name.contains("&")) {
      variants.add(name.replace("&", "and"));
    }
    if (name.startsWith("St. ")) {
      variants.add("Saint " + name.substring(4).replace("&", "and"));
    }
    return variants;
  }

  private static List<String[]> lines(String resource, String separator) {
    List<String[]> lines = new ArrayList<>();
    try (InputStream in = LanguageTables.class.getResourceAsStream("/nlsearch/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource nlsearch/" + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.split(separator));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
