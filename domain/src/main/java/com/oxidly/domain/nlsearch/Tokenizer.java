package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.TextFolding;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a sentence into words, numbers, symbols, domains, emails and dates, folding case and
 * accents the way {@link TextFolding} does. Hyphens between words disappear ("high-value" is "high
 * value", as {@link TextFolding#words} reads product names); hyphens next to digits stay as a
 * symbol ("5-star", "30-39"). Contractions are expanded ("hasn't" is "has not").
 */
final class Tokenizer {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![\\d-])");
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final Pattern DOMAIN =
      Pattern.compile("@?[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}])");
  private static final Pattern INITIALS = Pattern.compile("(?:\\p{L}\\.){2,}");
  private static final Pattern NUMBER =
      Pattern.compile(
          "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)"
              + "(?:(k|m|bn)|(s)|(st|nd|rd|th))?(?![\\p{L}\\p{N}])",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DECADE = Pattern.compile("['\u2019](\\d{2})s(?![\\p{L}\\p{N}])");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)*");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final String SYMBOLS = "$€£¥><=+()-,;:?!%&/*#";

  private Tokenizer() {}

  static List<Token> tokenize(String sentence) {
    String text = Normalizer.normalize(sentence == null ? "" : sentence, Normalizer.Form.NFC);
    List<Token> tokens = new ArrayList<>();
    Matcher matcher = DATE.matcher(text);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '"' || c == '\u201c' || c == '\u201d') {
        i++;
        continue;
      }
      if (c == '-' && joinsWords(text, i)) {
        i++;
        continue;
      }
      int end;
      if ((end = match(matcher, DATE, i)) > 0) {
        tokens.add(token(text, i, end, text.substring(i, end), Token.Kind.DATE, null, 0));
      } else if ((end = match(matcher, EMAIL, i)) > 0) {
        String email = text.substring(i, end).toLowerCase(Locale.ROOT);
        tokens.add(token(text, i, end, email, Token.Kind.EMAIL, null, 0));
      } else if ((end = match(matcher, INITIALS, i)) > 0) {
        String letters = text.substring(i, end).replace(".", "");
        int shape = letters.equals(letters.toUpperCase(Locale.ROOT)) ? Token.UPPER : 0;
        tokens.add(token(text, i, end, fold(letters), Token.Kind.WORD, null, shape));
      } else if (Character.isLetter(c) && (end = match(matcher, DOMAIN, i)) > 0) {
        String domain = text.substring(i, end).toLowerCase(Locale.ROOT);
        tokens.add(token(text, i, end, domain, Token.Kind.DOMAIN, null, 0));
      } else if (c == '@' && (end = match(matcher, DOMAIN, i)) > 0) {
        String domain = text.substring(i + 1, end).toLowerCase(Locale.ROOT);
        tokens.add(token(text, i, end, domain, Token.Kind.DOMAIN, null, 0));
      } else if ((end = match(matcher, DECADE, i)) > 0) {
        BigDecimal decade = new BigDecimal(matcher.group(1));
        tokens.add(
            token(text, i, end, decade.toPlainString(), Token.Kind.NUMBER, decade, Token.DECADE));
      } else if ((Character.isDigit(c) || c == '.') && (end = match(matcher, NUMBER, i)) > 0) {
        tokens.add(number(text, i, end, matcher));
      } else if (Character.isLetterOrDigit(c) && (end = match(matcher, WORD, i)) > 0) {
        words(text, i, end, tokens);
      } else {
        end = i + 1;
        String symbol = String.valueOf(c);
        if ((c == '>' || c == '<') && end < text.length() && text.charAt(end) == '=') {
          symbol += "=";
          end++;
        }
        if (SYMBOLS.indexOf(c) >= 0 || c == '.') {
          tokens.add(token(text, i, end, symbol, Token.Kind.SYMBOL, null, 0));
        }
      }
      i = end;
    }
    return tokens;
  }

  /** A hyphen between two letters joins a compound word: high-value, e-reader, opted-in. */
  private static boolean joinsWords(String text, int at) {
    return at > 0
        && at + 1 < text.length()
        && Character.isLetter(text.charAt(at - 1))
        && Character.isLetter(text.charAt(at + 1));
  }

  private static int match(Matcher matcher, Pattern pattern, int from) {
    matcher.usePattern(pattern);
    matcher.region(from, matcher.regionEnd());
    return matcher.lookingAt() ? matcher.end() : -1;
  }

  private static Token number(String text, int start, int end, Matcher matcher) {
    BigDecimal value = new BigDecimal(matcher.group(1).replace(",", ""));
    int shape = matcher.group(1).contains(",") ? Token.SCALED : 0;
    String scale = matcher.group(2);
    if (scale != null) {
      shape |= Token.SCALED;
      value =
          value.multiply(
              switch (scale.toLowerCase(Locale.ROOT)) {
                case "k" -> BigDecimal.valueOf(1_000);
                case "m" -> BigDecimal.valueOf(1_000_000);
                default -> BigDecimal.valueOf(1_000_000_000);
              });
    } else if (matcher.group(3) != null) {
      shape |= Token.DECADE;
    } else if (matcher.group(4) != null) {
      shape |= Token.ORDINAL;
    }
    value = value.stripTrailingZeros();
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    return token(text, start, end, value.toPlainString(), Token.Kind.NUMBER, value, shape);
  }

  /** A word, split at contractions (has|n't) and possessives (chef|'s). */
  private static void words(String text, int start, int end, List<Token> tokens) {
    String raw = text.substring(start, end).replace('\u2019', '\'');
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.equals("cannot")) {
      tokens.add(word(text, start, start + 3, raw.substring(0, 3)));
      tokens.add(token(text, start + 3, end, "not", Token.Kind.WORD, null, 0));
    } else if (lower.endsWith("n't")) {
      String base =
          switch (lower) {
            case "can't" -> "can";
            case "won't" -> "will";
            case "shan't" -> "shall";
            default -> raw.substring(0, raw.length() - 3);
          };
      int baseEnd = start + Math.min(base.length(), raw.length() - 3);
      tokens.add(word(text, start, baseEnd, base));
      tokens.add(token(text, baseEnd, end, "not", Token.Kind.WORD, null, 0));
    } else if (lower.endsWith("'s")) {
      tokens.add(word(text, start, end - 2, raw.substring(0, raw.length() - 2)));
      tokens.add(token(text, end - 1, end, "s", Token.Kind.WORD, null, 0));
    } else {
      tokens.add(word(text, start, end, raw));
    }
  }

  private static Token word(String text, int start, int end, String raw) {
    int shape = 0;
    long letters = raw.chars().filter(Character::isLetter).count();
    if (letters >= 2 && raw.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)) {
      shape |= Token.UPPER;
    }
    if (!raw.isEmpty() && Character.isUpperCase(raw.charAt(0))) {
      shape |= Token.CAPITALISED;
    }
    return token(text, start, end, fold(raw), Token.Kind.WORD, null, shape);
  }

  /** Case and accents folded, apostrophes dropped: "Müller" is "muller", "O'Brien" "obrien". */
  static String fold(String word) {
    String folded = TextFolding.fold(word);
    StringBuilder plain = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (c < 128) {
        if (Character.isLetterOrDigit(c)) {
          plain.append(c);
        }
      } else {
        // Letters outside the folding table: drop their accents.
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        plain.append(MARKS.matcher(decomposed).replaceAll("").replaceAll("[^\\p{L}\\p{N}]", ""));
      }
    }
    return plain.toString();
  }

  private static Token token(
      String text, int start, int end, String word, Token.Kind kind, BigDecimal number, int shape) {
    return new Token(text.substring(start, end), word, kind, number, shape, start);
  }
}
