package com.oxidly.domain.nlsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Closed word lists of the search language and small helpers on folded words. */
final class Words {

  private Words() {}

  /**
   * Words that carry no condition and are dropped without a notice: politeness, "show me",
   * articles, auxiliaries and pronouns. Anything not listed here and not understood is reported as
   * ignored.
   */
  static final Set<String> FILLERS =
      Set.of(
          "show",
          "me",
          "us",
          "find",
          "list",
          "get",
          "give",
          "display",
          "search",
          "pull",
          "up",
          "look",
          "looking",
          "for",
          "i",
          "we",
          "want",
          "need",
          "would",
          "like",
          "to",
          "please",
          "can",
          "could",
          "you",
          "all",
          "the",
          "a",
          "an",
          "any",
          "some",
          "of",
          "our",
          "my",
          "their",
          "are",
          "is",
          "was",
          "were",
          "be",
          "been",
          "being",
          "have",
          "has",
          "had",
          "having",
          "do",
          "does",
          "did",
          "who",
          "which",
          "that",
          "whose",
          "whom",
          "there",
          "those",
          "these",
          "them",
          "they",
          "ones",
          "s",
          "see",
          "view",
          "currently",
          "also",
          "only",
          "just",
          "else",
          "in",
          "total",
          "at",
          "by",
          "on",
          "it",
          "its",
          "from",
          "so",
          "far",
          "ever",
          "yet",
          "still",
          "other");

  /** Nouns for "the customers" in all their paraphrases; they separate pre-modifiers. */
  static final Set<String> SUBJECTS =
      Set.of(
          "customer",
          "customers",
          "client",
          "clients",
          "people",
          "person",
          "persons",
          "user",
          "users",
          "shopper",
          "shoppers",
          "buyer",
          "buyers",
          "member",
          "members",
          "folks",
          "account",
          "accounts",
          "contact",
          "contacts",
          "consumer",
          "consumers",
          "purchaser",
          "purchasers",
          "everyone",
          "everybody",
          "anyone",
          "anybody",
          "audience",
          "profiles",
          "profile",
          "individuals",
          "guys");

  /** Words joining conditions that must all hold. */
  static final Set<String> AND =
      Set.of("and", "&", ",", ";", "who", "that", "which", "whose", "with", "but", "plus", "while");

  /** Of {@link #AND}, those that open a relative clause: "or" binds tighter than they do. */
  static final Set<String> CLAUSE =
      Set.of(",", ";", "who", "that", "which", "whose", "with", "but", "while");

  static final Set<String> OR = Set.of("or", "/", "including");

  static final Set<String> NOT =
      Set.of("not", "no", "non", "without", "excluding", "except", "never", "nor");

  static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("one", 1),
          Map.entry("single", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("fifty", 50),
          Map.entry("sixty", 60),
          Map.entry("seventy", 70),
          Map.entry("eighty", 80),
          Map.entry("ninety", 90));

  /** "twenties" .. "nineties" as decades. */
  static final Map<String, Integer> DECADE_WORDS =
      Map.of(
          "twenties", 20,
          "thirties", 30,
          "forties", 40,
          "fifties", 50,
          "sixties", 60,
          "seventies", 70,
          "eighties", 80,
          "nineties", 90);

  static final Map<String, Integer> TIMES_WORDS = Map.of("once", 1, "twice", 2, "thrice", 3);

  /**
   * A plural folded word's singular, good enough to compare a word with a product or segment name
   * when both sides go through it: "machines" and "machine", "accessories" and "accessory".
   */
  static String singular(String word) {
    int n = word.length();
    if (n <= 3) {
      return word;
    }
    if (word.endsWith("ies") && n > 4) {
      return word.substring(0, n - 3) + "y";
    }
    if (word.endsWith("sses")
        || word.endsWith("shes")
        || word.endsWith("ches")
        || word.endsWith("xes")
        || word.endsWith("zes")) {
      return word.substring(0, n - 2);
    }
    if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
      return word;
    }
    return word.endsWith("s") ? word.substring(0, n - 1) : word;
  }

  /** The folded words of a name as the tokenizer reads them ("São Paulo" is [sao, paulo]). */
  static List<String> of(String name) {
    List<String> words = new ArrayList<>();
    for (Token token : Tokenizer.tokenize(name)) {
      if (token.isWord() || token.isNumber()) {
        words.add(token.word());
      }
    }
    return words;
  }
}
