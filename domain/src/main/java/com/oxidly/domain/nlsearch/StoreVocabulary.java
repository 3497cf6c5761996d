package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.TextFolding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store's own words that customer search understands: its cities (with their country), its
 * products, categories and brands, the named segments its customers belong to, the email domains
 * they use and the currency the store sells in. Built from the store's data ({@link #load}), so a
 * new city or category is understood as soon as the vocabulary is reloaded; what the language
 * itself knows (country names, demonyms, exonyms) is not part of it.
 *
 * <p>Immutable and safe to share between threads; building it precomputes the lookup indexes the
 * parser uses, so build it once and reuse it until the data changes.
 */
public final class StoreVocabulary {

  /** A city the store has customers in, as spelled in the data, with its ISO country code. */
  public record City(String name, String country) {
    public City {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A product of the catalogue: its name, category and brand (brand may be null). */
  public record Product(String name, String category, String brand) {
    public Product {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Segment names the search semantics define for every store, known before analytics has assigned
   * anyone to them.
   */
  public static final List<String> STANDARD_SEGMENTS = List.of("high value", "at risk");

  private final List<City> cities;
  private final List<Product> products;
  private final List<String> segments;
  private final List<String> emailDomains;
  private final String currency;
  private final Lexicon lexicon;

  /**
   * @param cities cities with their country codes; a city may appear once per country
   * @param products the catalogue
   * @param segments named segments (the {@link #STANDARD_SEGMENTS} are always added)
   * @param emailDomains customers' email domains, most common first
   * @param currency ISO code of the store's currency, e.g. USD; amounts typed in another currency
   *     are reported
   */
  public StoreVocabulary(
      Collection<City> cities,
      Collection<Product> products,
      Collection<String> segments,
      Collection<String> emailDomains,
      String currency) {
    this.cities = List.copyOf(cities);
    this.products = List.copyOf(products);
    Set<String> names = new LinkedHashSet<>();
    for (String segment : segments) {
      names.add(new CustomerQuery.InSegment(segment).segment());
    }
    names.addAll(STANDARD_SEGMENTS);
    this.segments = List.copyOf(names);
    this.emailDomains =
        emailDomains.stream()
            .map(domain -> domain.trim().toLowerCase(Locale.ROOT))
            .filter(domain -> domain.contains("."))
            .distinct()
            .toList();
    this.currency = currency == null ? "USD" : currency.trim().toUpperCase(Locale.ROOT);
    this.lexicon = new Lexicon(this);
  }

  /**
   * Reads the vocabulary from PostgreSQL: distinct cities and countries of customers, the product
   * catalogue, the segments and personas customers are in, the named segments, the 500 most common
   * email domains and the most common order currency. Scans the customer table; call it at start
   * and when the data has changed, not per search.
   */
  public static StoreVocabulary load(JdbcTemplate jdbc) {
    List<City> cities =
        jdbc.query(
            "select city, country from customers where city is not null and btrim(city) <> ''"
                + " group by city, country order by count(*) desc",
            (row, i) -> new City(row.getString(1).trim(), row.getString(2)));
    List<Product> products =
        jdbc.query(
            "select name, category, brand from products order by sku",
            (row, i) -> new Product(row.getString(1), row.getString(2), row.getString(3)));
    List<String> segments = new ArrayList<>();
    segments.addAll(
        jdbc.queryForList(
            "select distinct lower(btrim(s)) from customers, unnest(segments) s"
                + " where btrim(s) <> '' order by 1",
            String.class));
    segments.addAll(
        jdbc.queryForList(
            "select distinct lower(btrim(persona)) from customers where persona is not null"
                + " and btrim(persona) <> '' order by 1",
            String.class));
    // Named segments are known by name before anyone is in them (keys are their query names).
    segments.addAll(
        jdbc.queryForList("select segment_key from segments order by segment_key", String.class));
    List<String> domains =
        jdbc.queryForList(
            "select split_part(email, '@', 2) from customers group by 1 order by count(*) desc,"
                + " 1 limit 500",
            String.class);
    List<String> currencies =
        jdbc.queryForList(
            "select currency from (select currency from orders limit 10000) o group by currency"
                + " order by count(*) desc limit 1",
            String.class);
    return new StoreVocabulary(
        cities, products, segments, domains, currencies.isEmpty() ? null : currencies.getFirst());
  }

  public List<City> cities() {
    return cities;
  }

  public List<Product> products() {
    return products;
  }

  /** Named segments, lower case. */
  public List<String> segments() {
    return segments;
  }

  /** Email domains, lower case, most common first. */
  public List<String> emailDomains() {
    return emailDomains;
  }

  /** ISO code of the store's currency. */
  public String currency() {
    return currency;
  }

  /** Distinct product categories, as spelled in the catalogue. */
  public List<String> categories() {
    return distinct(products.stream().map(Product::category).toList());
  }

  /** Distinct brands, as spelled in the catalogue. */
  public List<String> brands() {
    return distinct(products.stream().map(Product::brand).toList());
  }

  Lexicon lexicon() {
    return lexicon;
  }

  private static List<String> distinct(List<String> values) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> distinct = new ArrayList<>();
    for (String value : values) {
      if (value != null && !value.isBlank() && seen.add(TextFolding.words(value))) {
        distinct.add(value.trim());
      }
    }
    return List.copyOf(distinct);
  }
}
