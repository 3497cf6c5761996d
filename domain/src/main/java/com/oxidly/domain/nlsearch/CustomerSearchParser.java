package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.ReadableQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The local natural-language parser for customer search: reads a sentence a marketer types ("Show
 * me customers from New York who spent over $500 last month") as a customer query tree with the
 * exact meanings of shared/specs/search-semantics.md, without a language model or network.
 *
 * <p>The sentence is split into tokens (case and accents folded), then read by a grammar of
 * conditions (places, money, orders, time windows, ages, status, consent, products and categories,
 * email domains, names, reviews, tickets, segments) joined by and/or/not. The store's own words
 * come from a {@link StoreVocabulary}. Words not understood are returned in {@link
 * Interpretation#ignored()}; descriptive phrases in {@link Interpretation#freeText()}.
 *
 * <p>Stateless and thread-safe; a parse takes well under a millisecond on a typical sentence.
 */
public final class CustomerSearchParser {

  /**
   * Reads {@code text}.
   *
   * @param vocabulary the store's cities, products, segments and email domains
   * @param clock "now", for windows that depend on the date ("in October" is the last October)
   * @param storeZone the store's time zone, in which calendar days and months are counted
   */
  public Interpretation parse(
      String text, StoreVocabulary vocabulary, Clock clock, ZoneId storeZone) {
    Objects.requireNonNull(vocabulary, "vocabulary");
    String sentence = text == null ? "" : text;
    LocalDate today = LocalDate.ofInstant(clock.instant(), storeZone);
    Scan scan = new Scan(sentence, Tokenizer.tokenize(sentence), vocabulary.lexicon(), today);
    List<Item> items = scan.run();
    CustomerQuery query = Assembler.assemble(items, scan.ignored);
    List<String> ignored =
        scan.ignored.stream()
            .sorted(Comparator.comparingInt(Item.Ignored::at))
            .map(Item.Ignored::text)
            .toList();
    return new Interpretation(query, ReadableQuery.render(query), ignored, scan.freeText);
  }
}
