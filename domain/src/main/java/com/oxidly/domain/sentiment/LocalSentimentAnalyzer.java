package com.oxidly.domain.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule-based sentiment analyzer after VADER (Hutto and Gilbert 2014, the rules of vaderSentiment
 * 3.3): valence lexicon, negation within three words (including "n't" and "no"), boosters and
 * dampeners, "but" contrast, exclamation and question marks, ALL-CAPS emphasis, emoticons and
 * emoji, and the compound score {@code x / sqrt(x² + 15)} in [-1, 1].
 *
 * <p>{@link Rules#OXIDLY} adds what store reviews and support tickets need (measured in
 * docs/benchmarks.md): review words and phrases that VADER rates neutral ("waste of money",
 * "stopped working", "doesn't work", "fell apart", "flimsy"), star and "n/10" ratings, negation and
 * boosters that stop at a comma or a full stop instead of reaching into the previous clause,
 * contrast ("but", "however") in every sentence instead of at the text's first "but" only, and
 * typographic apostrophes. {@link Rules#VADER} is the plain method, kept to show the difference.
 *
 * <p>Stateless and thread-safe; about a hundred thousand sentences a second on one core.
 */
final class LocalSentimentAnalyzer {

  /** Which rules to apply. */
  enum Rules {
    /** VADER as published: the baseline. */
    VADER,
    /** VADER plus Oxidly's review rules: the default. */
    OXIDLY
  }

  /** VADER's empirically derived increase for a word in ALL CAPS among lower-case words. */
  private static final double CAPS_BOOST = 0.733;

  /** VADER's factor for a negated word: flips and dampens ("not good" is less bad than "bad"). */
  private static final double NEGATION = -0.74;

  /** Approximates the largest expected sum of valences; VADER's normalisation constant. */
  private static final double ALPHA = 15;

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final String CLAUSE_ENDS = ",;:.!?-";
  private static final String SENTENCE_ENDS = ".!?";
  private static final Set<String> CONTRASTS = Set.of("but", "however");
  private static final Map<String, Integer> COUNTS =
      Map.of("zero", 0, "no", 0, "one", 1, "two", 2, "three", 3, "four", 4, "five", 5);

  /** Valence of a rating of 0 to 5 stars: 3 stars is the neutral middle of the scale. */
  private static final double[] STAR_VALENCE = {-3.0, -2.5, -1.5, 0.0, 1.8, 2.5};

  /** Valence of "too" and a word without valence of its own ("too small"). */
  private static final double EXCESS = -1.3;

  /**
   * Words that open a question asking for information ("Is it dishwasher safe?", "Can I pay with a
   * gift card?"): such a question asserts little, so its words count a tenth. "Why" is missing on
   * purpose: "why is it so slow?" is a complaint.
   */
  private static final Set<String> QUESTION_OPENERS =
      Set.of(
          "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would",
          "should", "may", "have", "has", "where", "what", "when", "which", "who", "how");

  private static final double QUESTION_WEIGHT = 0.1;

  private static final Pattern OUT_OF = Pattern.compile("(\\d+(?:\\.\\d+)?)/(5|10)");
  private static final Pattern STAR_WORD = Pattern.compile("(\\w+)-stars?");

  private final SentimentLexicon lexicon;
  private final Rules rules;

  LocalSentimentAnalyzer(Rules rules) {
    this(SentimentLexicon.shared(), rules);
  }

  LocalSentimentAnalyzer(SentimentLexicon lexicon, Rules rules) {
    this.lexicon = lexicon;
    this.rules = rules;
  }

  /** The label and score of a text; blank text is neutral. */
  Sentiment analyze(String text) {
    double score = Math.round(compound(text) * 10_000) / 10_000.0;
    return new Sentiment(Sentiment.labelOf(score), score, Sentiment.LOCAL);
  }

  /** VADER's compound score of a text, in [-1, 1]. */
  double compound(String text) {
    String prepared = emojiAsWords(text == null ? "" : text);
    List<Token> tokens = tokens(prepared);
    if (rules == Rules.OXIDLY) {
      tokens = mergePhrases(tokens);
    }
    if (tokens.isEmpty()) {
      return 0;
    }
    Scorer scorer = new Scorer(tokens);
    double[] sentiments = scorer.valences();
    contrast(tokens, sentiments);
    double sum = 0;
    for (double sentiment : sentiments) {
      sum += sentiment;
    }
    double emphasis = punctuationEmphasis(prepared);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    return Math.clamp(sum / Math.sqrt(sum * sum + ALPHA), -1.0, 1.0);
  }

  /**
   * A word, emoticon or (Oxidly rules) merged phrase.
   *
   * @param valence the fixed valence of a phrase or rating; null to look the word up
   * @param clauseEnd punctuation ends a clause after it (Oxidly rules only)
   * @param sentenceEnd a full stop, exclamation or question mark follows (Oxidly rules only)
   */
  private record Token(
      String text,
      String lower,
      Double valence,
      boolean clauseEnd,
      boolean sentenceEnd,
      boolean question) {

    Token(String text, String lower) {
      this(text, lower, null, false, false, false);
    }

    /** This token followed by {@code punctuation}. */
    Token followedBy(String punctuation) {
      boolean ends = containsAny(punctuation, CLAUSE_ENDS);
      return new Token(
          text,
          lower,
          valence,
          clauseEnd || ends,
          sentenceEnd || (ends && containsAny(punctuation, SENTENCE_ENDS)),
          question || punctuation.indexOf('?') >= 0);
    }
  }

  /** Replaces emoji by their words, as VADER 3.3 does, so "love it 😍" reads "love it love". */
  private String emojiAsWords(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            codePoint -> {
              String words = lexicon.emojiWords(codePoint);
              if (words != null) {
                out.append(' ').append(words).append(' ');
              } else if (codePoint != 0xFE0F
                  && codePoint != 0x200D
                  // skin tones qualify the emoji before them and mean nothing alone
                  && (codePoint < 0x1F3FB || codePoint > 0x1F3FF)) {
                out.appendCodePoint(codePoint);
              }
            });
    return out.toString();
  }

  private List<Token> tokens(String text) {
    String normalized = rules == Rules.OXIDLY ? text.replace('’', '\'').replace('‘', '\'') : text;
    List<Token> tokens = new ArrayList<>();
    for (String raw : normalized.strip().split("\\s+")) {
      if (raw.isEmpty()) {
        continue;
      }
      String stripped = strip(raw);
      if (rules == Rules.VADER) {
        // VADER keeps punctuation on tokens of two letters or fewer, so emoticons survive.
        String word = stripped.length() <= 2 ? raw : stripped;
        tokens.add(new Token(word, word.toLowerCase(Locale.ROOT)));
        continue;
      }
      String lower = raw.toLowerCase(Locale.ROOT);
      if (lexicon.reviewValence(lower) != null) {
        tokens.add(new Token(raw, lower)); // an emoticon such as :-( or <3
      } else if (stripped.isEmpty()) {
        // punctuation alone ("-", "...", "?") ends the clause of the word before it
        if (!tokens.isEmpty()) {
          tokens.set(tokens.size() - 1, tokens.getLast().followedBy(raw));
        }
      } else {
        String after = raw.substring(raw.lastIndexOf(stripped) + stripped.length());
        tokens.add(new Token(stripped, stripped.toLowerCase(Locale.ROOT)).followedBy(after));
      }
    }
    return tokens;
  }

  /** Joins review phrases and ratings into one token each (Oxidly rules). */
  private List<Token> mergePhrases(List<Token> tokens) {
    List<Token> merged = new ArrayList<>(tokens.size());
    int i = 0;
    while (i < tokens.size()) {
      Token token = tokens.get(i);
      int length = 0;
      double valence = 0;
      for (SentimentLexicon.Phrase phrase : candidates(token.lower())) {
        if (phrase.words().size() > length && matches(tokens, i, phrase.words())) {
          length = phrase.words().size();
          valence = phrase.valence();
        }
      }
      Double rating = rating(tokens, i);
      if (length == 0 && rating != null) {
        length = COUNTS.containsKey(token.lower()) || isDigits(token.lower()) ? 2 : 1;
        valence = rating;
      }
      if (length == 0 && isExcess(tokens, i)) {
        length = 2;
        valence = EXCESS;
      }
      if (length == 0) {
        merged.add(token);
        i++;
        continue;
      }
      List<Token> parts = tokens.subList(i, i + length);
      merged.add(
          new Token(
              String.join(" ", parts.stream().map(Token::text).toList()),
              String.join(" ", parts.stream().map(Token::lower).toList()),
              valence,
              parts.getLast().clauseEnd(),
              parts.getLast().sentenceEnd(),
              parts.getLast().question()));
      i += length;
    }
    return merged;
  }

  private List<SentimentLexicon.Phrase> candidates(String lower) {
    List<SentimentLexicon.Phrase> own = lexicon.phrasesStartingWith(lower);
    if (!isNegation(lower)) {
      return own;
    }
    List<SentimentLexicon.Phrase> all =
        new ArrayList<>(lexicon.phrasesStartingWith(SentimentLexicon.ANY_NEGATION));
    all.addAll(own);
    return all;
  }

  private static boolean matches(List<Token> tokens, int start, List<String> words) {
    if (start + words.size() > tokens.size()) {
      return false;
    }
    for (int k = 0; k < words.size(); k++) {
      Token token = tokens.get(start + k);
      String word = words.get(k);
      boolean match =
          word.equals(SentimentLexicon.ANY_NEGATION)
              ? isNegation(token.lower())
              : word.endsWith("*")
                  ? token.lower().startsWith(word.substring(0, word.length() - 1))
                  : token.lower().equals(word);
      // a phrase never spans two clauses: "it's not, worth it" is not "not worth it"
      if (!match || (k < words.size() - 1 && token.clauseEnd())) {
        return false;
      }
    }
    return true;
  }

  /**
   * "too small", "too expensive", "too loud": in a review, too much of a quality without valence of
   * its own is a complaint ("too good" keeps the valence of "good").
   */
  private boolean isExcess(List<Token> tokens, int i) {
    if (!tokens.get(i).lower().equals("too")
        || tokens.get(i).clauseEnd()
        || i + 1 >= tokens.size()) {
      return false;
    }
    String next = tokens.get(i + 1).lower();
    return lexicon.reviewValence(next) == null
        && !SentimentLexicon.BOOSTERS.containsKey(next)
        && lexicon.phrasesStartingWith(next).isEmpty();
  }

  /** "5 stars", "five-star", "one star", "8/10": the valence of the rating, or null. */
  private static Double rating(List<Token> tokens, int i) {
    String lower = tokens.get(i).lower();
    Matcher outOf = OUT_OF.matcher(lower);
    if (outOf.matches()) {
      double fraction = Double.parseDouble(outOf.group(1)) / Double.parseDouble(outOf.group(2));
      return fraction > 1 ? null : Math.clamp((fraction - 0.5) * 6, -3.0, 3.0);
    }
    Matcher starWord = STAR_WORD.matcher(lower);
    if (starWord.matches()) {
      return stars(starWord.group(1));
    }
    if (i + 1 < tokens.size()
        && !tokens.get(i).clauseEnd()
        && (tokens.get(i + 1).lower().equals("star")
            || tokens.get(i + 1).lower().equals("stars"))) {
      return stars(lower);
    }
    return null;
  }

  private static Double stars(String count) {
    Integer stars = COUNTS.get(count);
    if (stars == null && isDigits(count) && count.length() == 1) {
      stars = Integer.parseInt(count);
    }
    return stars == null || stars > 5 ? null : STAR_VALENCE[stars];
  }

  private static boolean isDigits(String word) {
    return !word.isEmpty() && word.chars().allMatch(Character::isDigit);
  }

  /**
   * VADER's contrast: what precedes "but" counts half, what follows one and a half times. Oxidly
   * rules also weigh down questions asking for information.
   */
  private void contrast(List<Token> tokens, double[] sentiments) {
    if (rules == Rules.VADER) {
      int but = -1;
      for (int i = 0; i < tokens.size() && but < 0; i++) {
        if (tokens.get(i).lower().equals("but")) {
          but = i;
        }
      }
      if (but >= 0) {
        weigh(sentiments, 0, but, sentiments.length);
      }
      return;
    }
    // Oxidly: in every sentence; a sentence opening with "However" turns against the one before.
    // A sentence is closed by a full stop, "!" or "?", or by the end of the text.
    int sentenceStart = 0;
    int previousStart = 0;
    for (int i = 0; i < tokens.size(); i++) {
      boolean last = i == tokens.size() - 1 || tokens.get(i).sentenceEnd();
      if (!last) {
        continue;
      }
      if (tokens.get(i).question()
          && QUESTION_OPENERS.contains(tokens.get(sentenceStart).lower())) {
        for (int k = sentenceStart; k <= i; k++) {
          sentiments[k] *= QUESTION_WEIGHT;
        }
      }
      for (int k = sentenceStart; k <= i; k++) {
        if (CONTRASTS.contains(tokens.get(k).lower())) {
          weigh(sentiments, k == sentenceStart ? previousStart : sentenceStart, k, i + 1);
          break;
        }
      }
      previousStart = sentenceStart;
      sentenceStart = i + 1;
    }
  }

  private static void weigh(double[] sentiments, int from, int pivot, int to) {
    for (int k = from; k < to; k++) {
      if (k < pivot) {
        sentiments[k] *= 0.5;
      } else if (k > pivot) {
        sentiments[k] *= 1.5;
      }
    }
  }

  /** VADER's emphasis: up to four "!" add 0.292 each; two or three "?" 0.18 each, more 0.96. */
  private static double punctuationEmphasis(String text) {
    long exclamations = text.chars().filter(c -> c == '!').count();
    long questions = text.chars().filter(c -> c == '?').count();
    double emphasis = Math.min(exclamations, 4) * 0.292;
    if (questions > 1) {
      emphasis += questions <= 3 ? questions * 0.18 : 0.96;
    }
    return emphasis;
  }

  private static boolean isNegation(String lower) {
    return SentimentLexicon.isNegation(lower);
  }

  private static String strip(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && PUNCTUATION.indexOf(raw.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && PUNCTUATION.indexOf(raw.charAt(end - 1)) >= 0) {
      end--;
    }
    return raw.substring(start, end);
  }

  private static boolean containsAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Python's str.isupper(): some cased letter and no lower-case one. */
  private static boolean isUpper(String word) {
    boolean upper = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      upper |= Character.isUpperCase(c);
    }
    return upper;
  }

  /** The per-token valences of one text. */
  private final class Scorer {

    private final List<Token> tokens;
    private final boolean capsStandOut;

    Scorer(List<Token> tokens) {
      this.tokens = tokens;
      long upper = tokens.stream().filter(t -> isUpper(t.text())).count();
      // CAPS emphasise only when some words are not in capitals
      this.capsStandOut = upper > 0 && upper < tokens.size();
    }

    double[] valences() {
      double[] sentiments = new double[tokens.size()];
      for (int i = 0; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        boolean modifier =
            token.valence() == null
                && (SentimentLexicon.BOOSTERS.containsKey(token.lower())
                    || (token.lower().equals("kind")
                        && i + 1 < tokens.size()
                        && lower(i + 1).equals("of")));
        sentiments[i] = modifier ? 0 : valence(i);
      }
      return sentiments;
    }

    private double valence(int i) {
      Double base = lookup(i);
      if (base == null) {
        return 0;
      }
      double valence = base;
      String lower = lower(i);
      if (lower.equals("no") && i + 1 < tokens.size() && lookup(i + 1) != null) {
        valence = 0; // "no" negates the word after it instead of counting itself
      }
      if ((i > 0 && inScope(i - 1, i) && lower(i - 1).equals("no"))
          || (i > 1 && inScope(i - 2, i) && lower(i - 2).equals("no"))
          || (i > 2
              && inScope(i - 3, i)
              && lower(i - 3).equals("no")
              && (lower(i - 1).equals("or") || lower(i - 1).equals("nor")))) {
        valence = base * NEGATION;
      }
      if (capsStandOut && isUpper(tokens.get(i).text())) {
        valence += valence > 0 ? CAPS_BOOST : -CAPS_BOOST;
      }
      for (int distance = 0; distance < 3; distance++) {
        int before = i - distance - 1;
        if (before < 0 || !inScope(before, i)) {
          break;
        }
        if (lookup(before) != null) {
          continue;
        }
        double scalar = boost(tokens.get(before), valence);
        valence += distance == 0 ? scalar : scalar * (distance == 1 ? 0.95 : 0.9);
        valence = negation(valence, distance, i);
        if (distance == 2) {
          valence = idioms(valence, i);
        }
      }
      return least(valence, i);
    }

    /** Oxidly rules: modifiers act within their clause only. */
    private boolean inScope(int before, int i) {
      if (rules == Rules.VADER) {
        return true;
      }
      for (int k = before; k < i; k++) {
        if (tokens.get(k).clauseEnd()) {
          return false;
        }
      }
      return true;
    }

    private Double lookup(int i) {
      Token token = tokens.get(i);
      if (token.valence() != null) {
        return token.valence();
      }
      return rules == Rules.VADER
          ? lexicon.vaderValence(token.lower())
          : lexicon.reviewValence(token.lower());
    }

    private String lower(int i) {
      return tokens.get(i).lower();
    }

    private double boost(Token modifier, double valence) {
      Double scalar = SentimentLexicon.BOOSTERS.get(modifier.lower());
      if (scalar == null) {
        return 0;
      }
      double boost = valence < 0 ? -scalar : scalar;
      if (capsStandOut && isUpper(modifier.text())) {
        boost += valence > 0 ? CAPS_BOOST : -CAPS_BOOST;
      }
      return boost;
    }

    private double negation(double valence, int distance, int i) {
      return switch (distance) {
        case 0 -> isNegation(lower(i - 1)) ? valence * NEGATION : valence;
        case 1 -> {
          if (lower(i - 2).equals("never") && isSoOrThis(i - 1)) {
            yield valence * 1.25; // "never so good" is emphasis, not negation
          }
          if (lower(i - 2).equals("without") && lower(i - 1).equals("doubt")) {
            yield valence;
          }
          yield isNegation(lower(i - 2)) ? valence * NEGATION : valence;
        }
        default -> {
          if ((lower(i - 3).equals("never") && isSoOrThis(i - 2)) || isSoOrThis(i - 1)) {
            yield valence * 1.25;
          }
          if (lower(i - 3).equals("without")
              && (lower(i - 2).equals("doubt") || lower(i - 1).equals("doubt"))) {
            yield valence;
          }
          yield isNegation(lower(i - 3)) ? valence * NEGATION : valence;
        }
      };
    }

    private boolean isSoOrThis(int i) {
      return lower(i).equals("so") || lower(i).equals("this");
    }

    /** VADER's idioms around the word, and "kind of"/"sort of" before it as dampeners. */
    private double idioms(double valence, int i) {
      String oneZero = lower(i - 1) + " " + lower(i);
      String twoOneZero = lower(i - 2) + " " + oneZero;
      String twoOne = lower(i - 2) + " " + lower(i - 1);
      String threeTwoOne = lower(i - 3) + " " + twoOne;
      String threeTwo = lower(i - 3) + " " + lower(i - 2);
      for (String sequence : List.of(oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo)) {
        Double idiom = SentimentLexicon.IDIOMS.get(sequence);
        if (idiom != null) {
          valence = idiom;
          break;
        }
      }
      if (i + 1 < tokens.size()) {
        String zeroOne = lower(i) + " " + lower(i + 1);
        valence = SentimentLexicon.IDIOMS.getOrDefault(zeroOne, valence);
      }
      if (i + 2 < tokens.size()) {
        String zeroOneTwo = lower(i) + " " + lower(i + 1) + " " + lower(i + 2);
        valence = SentimentLexicon.IDIOMS.getOrDefault(zeroOneTwo, valence);
      }
      for (String gram : List.of(threeTwoOne, threeTwo, twoOne)) {
        valence += SentimentLexicon.BOOSTERS.getOrDefault(gram, 0.0);
      }
      return valence;
    }

    /** "least good" negates; "at least good" and "very least" do not. */
    private double least(double valence, int i) {
      if (i > 1 && lookup(i - 1) == null && lower(i - 1).equals("least")) {
        return lower(i - 2).equals("at") || lower(i - 2).equals("very")
            ? valence
            : valence * NEGATION;
      }
      if (i > 0 && lookup(i - 1) == null && lower(i - 1).equals("least")) {
        return valence * NEGATION;
      }
      return valence;
    }
  }
}
