package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.TextFolding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The lookup indexes of one {@link StoreVocabulary} joined with the {@link LanguageTables}: places,
 * goods, segments and email providers by the words that name them.
 */
final class Lexicon {

  /**
   * A place a phrase names: a city (value is the store's spelling, lower case) or a country (value
   * is the alpha-2 code, lower case).
   */
  record Place(CustomerField field, String value) {}

  enum GoodsKind {
    CATEGORY,
    PRODUCT,
    BRAND
  }

  /**
   * Something a customer can buy: a category or words of product names ({@code terms} has the one
   * term to match), or a brand ({@code terms} has the names of its products); {@code categories}
   * are the folded categories of the products it covers.
   */
  record Goods(GoodsKind kind, List<String> terms, Set<String> categories) {}

  /** Words that cannot start or end a phrase taken out of a product name ("the art of"). */
  private static final Set<String> FUNCTION_WORDS =
      Set.of("the", "of", "a", "an", "to", "and", "for", "in", "on", "with", "s", "by", "de");

  final PhraseIndex<Place> places = new PhraseIndex<>(UnaryOperator.identity());
  final PhraseIndex<Goods> goods = new PhraseIndex<>(Words::singular);
  final PhraseIndex<String> segments = new PhraseIndex<>(Words::singular);

  /** Countries the store has customers in (lower-case codes): named bare, lower case is enough. */
  final Set<String> storeCountries = new HashSet<>();

  /** City (the store's spelling, lower case) -> lower-case codes of the countries it is in. */
  private final Map<String, Set<String>> cityCountries = new HashMap<>();

  /** Lower-case alpha-2 codes of all countries. */
  final Set<String> countryCodes = new HashSet<>();

  /** First label of a domain ("gmail") -> the store's domains with it, most common first. */
  final Map<String, List<String>> domainsByProvider = new LinkedHashMap<>();

  final String currency;

  Lexicon(StoreVocabulary vocabulary) {
    currency = vocabulary.currency();
    for (String code : Locale.getISOCountries()) {
      countryCodes.add(code.toLowerCase(Locale.ROOT));
    }
    indexPlaces(vocabulary);
    indexGoods(vocabulary);
    for (String segment : vocabulary.segments()) {
      segments.put(Words.of(segment), segment);
    }
    for (String domain : vocabulary.emailDomains()) {
      String provider = Tokenizer.fold(domain.substring(0, domain.indexOf('.')));
      domainsByProvider.computeIfAbsent(provider, p -> new ArrayList<>()).add(domain);
    }
  }

  private void indexPlaces(StoreVocabulary vocabulary) {
    LanguageTables.COUNTRY_NAMES.forEach(
        (words, code) -> places.put(words, new Place(CustomerField.COUNTRY, lower(code))));
    // Cities by folded name: the first spelling seen (the most common) stands for all that fold
    // alike, since every executor compares cities folded.
    Map<List<String>, String> spellings = new LinkedHashMap<>();
    for (StoreVocabulary.City city : vocabulary.cities()) {
      spellings.putIfAbsent(Words.of(city.name()), city.name().trim().toLowerCase(Locale.ROOT));
      if (city.country() != null) {
        storeCountries.add(lower(city.country()));
        cityCountries
            .computeIfAbsent(spellings.get(Words.of(city.name())), c -> new HashSet<>())
            .add(lower(city.country()));
      }
    }
    spellings.forEach((words, name) -> places.put(words, new Place(CustomerField.CITY, name)));
    for (List<List<String>> names : LanguageTables.CITY_NAMES) {
      List<String> known = new ArrayList<>();
      for (List<String> name : names) {
        if (spellings.containsKey(name)) {
          known.add(spellings.get(name));
        }
      }
      for (List<String> name : names) {
        for (String city : known) {
          places.put(name, new Place(CustomerField.CITY, city));
        }
      }
    }
  }

  /** Whether one of {@code cities} is in {@code country} (lower-case code). */
  boolean cityIn(List<String> cities, String country) {
    return cities.stream()
        .anyMatch(city -> cityCountries.getOrDefault(city, Set.of()).contains(country));
  }

  private void indexGoods(StoreVocabulary vocabulary) {
    for (String category : vocabulary.categories()) {
      goods.put(
          Words.of(category),
          new Goods(GoodsKind.CATEGORY, List.of(term(category)), Set.of(term(category))));
    }
    Map<List<String>, Set<String>> phrases = new LinkedHashMap<>();
    Map<String, List<String>> brands = new LinkedHashMap<>();
    Map<String, Set<String>> brandCategories = new HashMap<>();
    for (StoreVocabulary.Product product : vocabulary.products()) {
      String category = product.category() == null ? "" : term(product.category());
      List<String> words = Words.of(product.name());
      for (int from = 0; from < words.size(); from++) {
        for (int to = from + 1; to <= words.size(); to++) {
          List<String> phrase = words.subList(from, to);
          if (meaningful(phrase)) {
            phrases.computeIfAbsent(List.copyOf(phrase), p -> new HashSet<>()).add(category);
          }
        }
      }
      if (product.brand() != null && !product.brand().isBlank()) {
        String brand = product.brand().trim();
        List<String> names = brands.computeIfAbsent(brand, b -> new ArrayList<>());
        if (!names.contains(term(product.name()))) {
          names.add(term(product.name()));
        }
        brandCategories.computeIfAbsent(brand, b -> new HashSet<>()).add(category);
      }
    }
    phrases.forEach(
        (phrase, categories) ->
            goods.put(
                phrase,
                new Goods(
                    GoodsKind.PRODUCT, List.of(String.join(" ", phrase)), Set.copyOf(categories))));
    brands.forEach(
        (brand, names) ->
            goods.put(
                Words.of(brand),
                new Goods(
                    GoodsKind.BRAND, List.copyOf(names), Set.copyOf(brandCategories.get(brand)))));
  }

  /** Product-name words worth searching: not starting or ending with "of", not only digits. */
  private static boolean meaningful(List<String> phrase) {
    return !FUNCTION_WORDS.contains(phrase.getFirst())
        && !FUNCTION_WORDS.contains(phrase.getLast())
        && phrase.stream().anyMatch(word -> word.chars().anyMatch(Character::isLetter));
  }

  private static String term(String name) {
    return TextFolding.words(name);
  }

  private static String lower(String code) {
    return code.toLowerCase(Locale.ROOT);
  }
}
