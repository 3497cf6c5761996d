package com.oxidly.domain.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The words the analyzer knows: VADER's valence lexicon and word lists (Hutto and Gilbert 2014,
 * vaderSentiment 3.3), Oxidly's review words and phrases, and emoji read as words. Loaded once from
 * {@code /sentiment/} on the class path; immutable and shared.
 */
final class SentimentLexicon {

  /** VADER's empirically derived increase of a booster word ("very good" over "good"). */
  static final double BOOST = 0.293;

  /** The stand-in for any negation in a phrase of {@code review-lexicon.tsv}. */
  static final String ANY_NEGATION = "NOT";

  /** VADER's negations; any word containing "n't" negates too. */
  static final Set<String> NEGATIONS =
      Set.of(
          "aint",
          "arent",
          "cannot",
          "cant",
          "couldnt",
          "darent",
          "didnt",
          "doesnt",
          "ain't",
          "aren't",
          "can't",
          "couldn't",
          "daren't",
          "didn't",
          "doesn't",
          "dont",
          "hadnt",
          "hasnt",
          "havent",
          "isnt",
          "mightnt",
          "mustnt",
          "neither",
          "don't",
          "hadn't",
          "hasn't",
          "haven't",
          "isn't",
          "mightn't",
          "mustn't",
          "neednt",
          "needn't",
          "never",
          "none",
          "nope",
          "nor",
          "not",
          "nothing",
          "nowhere",
          "oughtnt",
          "shant",
          "shouldnt",
          "uhuh",
          "wasnt",
          "werent",
          "oughtn't",
          "shan't",
          "shouldn't",
          "uh-uh",
          "wasn't",
          "weren't",
          "without",
          "wont",
          "wouldnt",
          "won't",
          "wouldn't",
          "rarely",
          "seldom",
          "despite");

  /** VADER's degree adverbs: boosters raise the valence of what follows, dampeners lower it. */
  static final Map<String, Double> BOOSTERS = boosters();

  /** VADER's idioms whose valence replaces that of their words. */
  static final Map<String, Double> IDIOMS =
      Map.of(
          "the shit", 3.0,
          "the bomb", 3.0,
          "bad ass", 1.5,
          "badass", 1.5,
          "bus stop", 0.0,
          "yeah right", -2.0,
          "kiss of death", -1.5,
          "to die for", 3.0,
          "beating heart", 3.1,
          "broken heart", -2.9);

  /**
   * One phrase of the review lexicon, word by word; a word ending in {@code *} is a prefix, {@link
   * #ANY_NEGATION} any negation.
   */
  record Phrase(List<String> words, double valence) {}

  private static final SentimentLexicon SHARED = load();

  private final Map<String, Double> vader;
  private final Map<String, Double> review;
  private final Map<String, List<Phrase>> phrasesByFirstWord;
  private final Map<Integer, String> emoji;

  private SentimentLexicon(
      Map<String, Double> vader,
      Map<String, Double> review,
      Map<String, List<Phrase>> phrasesByFirstWord,
      Map<Integer, String> emoji) {
    this.vader = vader;
    this.review = review;
    this.phrasesByFirstWord = phrasesByFirstWord;
    this.emoji = emoji;
  }

  static SentimentLexicon shared() {
    return SHARED;
  }

  /** VADER's valence of a lower-case word or emoticon, or null when it has none. */
  Double vaderValence(String word) {
    return vader.get(word);
  }

  /** The valence with Oxidly's review words taking precedence over VADER's. */
  Double reviewValence(String word) {
    Double own = review.get(word);
    return own != null ? own : vader.get(word);
  }

  /** Phrases starting with this lower-case word ({@link #ANY_NEGATION} for negated phrases). */
  List<Phrase> phrasesStartingWith(String word) {
    return phrasesByFirstWord.getOrDefault(word, List.of());
  }

  /** The words an emoji stands for, or null. */
  String emojiWords(int codePoint) {
    return emoji.get(codePoint);
  }

  static boolean isNegation(String lowerWord) {
    return NEGATIONS.contains(lowerWord) || lowerWord.contains("n't");
  }

  private static SentimentLexicon load() {
    Map<String, Double> vader = new HashMap<>(8_192);
    read(
        "vader_lexicon.txt",
        (columns, line) -> vader.put(columns[0].toLowerCase(Locale.ROOT), number(columns, line)));
    Map<String, Double> review = new HashMap<>();
    Map<String, List<Phrase>> phrases = new HashMap<>();
    read(
        "review-lexicon.tsv",
        (columns, line) -> {
          double valence = number(columns, line);
          List<String> words = List.of(columns[0].trim().split(" +"));
          if (words.size() == 1) {
            review.put(words.getFirst().toLowerCase(Locale.ROOT), valence);
            return;
          }
          List<String> lower =
              words.stream()
                  .map(w -> w.equals(ANY_NEGATION) ? w : w.toLowerCase(Locale.ROOT))
                  .toList();
          phrases
              .computeIfAbsent(lower.getFirst(), w -> new ArrayList<>())
              .add(new Phrase(lower, valence));
        });
    // Longest first, so "not buy again" wins over "not buy".
    phrases.values().forEach(list -> list.sort((a, b) -> b.words().size() - a.words().size()));
    Map<Integer, String> emoji = new HashMap<>();
    read("emoji.tsv", (columns, line) -> emoji.put(columns[0].codePointAt(0), columns[1].trim()));
    return new SentimentLexicon(Map.copyOf(vader), Map.copyOf(review), Map.copyOf(phrases), emoji);
  }

  private static double number(String[] columns, String line) {
    if (columns.length < 2) {
      throw new IllegalStateException("A lexicon line needs a word and a valence: " + line);
    }
    return Double.parseDouble(columns[1].trim());
  }

  private static void read(String name, BiConsumer<String[], String> entry) {
    try (InputStream in = SentimentLexicon.class.getResourceAsStream("/sentiment/" + name)) {
      if (in == null) {
        throw new IllegalStateException("/sentiment/" + name + " is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          entry.accept(line.split("\t"), line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read /sentiment/" + name, e);
    }
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> boosters = new HashMap<>();
    for (String word :
        List.of(
            "absolutely",
            "amazingly",
            "awfully",
            "completely",
            "considerable",
            "considerably",
            "decidedly",
            "deeply",
            "effing",
            "enormous",
            "enormously",
            "entirely",
            "especially",
            "exceptional",
            "exceptionally",
            "extreme",
            "extremely",
            "fabulously",
            "flipping",
            "flippin",
            "frackin",
            "fracking",
            "fricking",
            "frickin",
            "frigging",
            "friggin",
            "fully",
            "fuckin",
            "fucking",
            "fuggin",
            "fugging",
            "greatly",
            "hella",
            "highly",
            "hugely",
            "incredible",
            "incredibly",
            "intensely",
            "major",
            "majorly",
            "more",
            "most",
            "particularly",
            "purely",
            "quite",
            "really",
            "remarkably",
            "so",
            "substantially",
            "thoroughly",
            "total",
            "totally",
            "tremendous",
            "tremendously",
            "uber",
            "unbelievably",
            "unusually",
            "utter",
            "utterly",
            "very")) {
      boosters.put(word, BOOST);
    }
    for (String word :
        List.of(
            "almost",
            "barely",
            "hardly",
            "just enough",
            "kind of",
            "kinda",
            "kindof",
            "kind-of",
            "less",
            "little",
            "marginal",
            "marginally",
            "occasional",
            "occasionally",
            "partly",
            "scarce",
            "scarcely",
            "slight",
            "slightly",
            "somewhat",
            "sort of",
            "sorta",
            "sortof",
            "sort-of")) {
      boosters.put(word, -BOOST);
    }
    return Map.copyOf(boosters);
  }
}
