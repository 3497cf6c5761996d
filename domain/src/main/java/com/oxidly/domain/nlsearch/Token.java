package com.oxidly.domain.nlsearch;

import java.math.BigDecimal;

/**
 * One token of a search sentence.
 *
 * @param text the characters as typed
 * @param word the folded form compared with the grammar and the vocabulary: lower case, no accents,
 *     letters and digits only for words; the digits for numbers; the character for symbols; the
 *     lower-case address for domains and emails
 * @param number the value of a {@link Kind#NUMBER} ("1,500" is 1500, "1.5k" is 1500), else null
 * @param shape how a number or word was written, see the constants
 * @param start offset of the first character in the sentence
 */
record Token(String text, String word, Kind kind, BigDecimal number, int shape, int start) {

  enum Kind {
    WORD,
    NUMBER,
    SYMBOL,
    /** A domain such as example.com or @example.com (without the @). */
    DOMAIN,
    EMAIL,
    /** An ISO date 2026-03-01. */
    DATE
  }

  /** A word written in capitals (US, UK) or as dotted initials (U.S.). */
  static final int UPPER = 1;

  /** A word starting with a capital letter. */
  static final int CAPITALISED = 2;

  /** A number written as a decade: 80s, 1980s, '80s. */
  static final int DECADE = 4;

  /** A number written as an ordinal: 1st, 3rd. */
  static final int ORDINAL = 8;

  /** A number with a thousands suffix or separator, so never a year: 1.5k, 2,000. */
  static final int SCALED = 16;

  boolean is(String folded) {
    return word.equals(folded);
  }

  boolean has(int flag) {
    return (shape & flag) != 0;
  }

  boolean isWord() {
    return kind == Kind.WORD;
  }

  boolean isNumber() {
    return kind == Kind.NUMBER;
  }

  /** A whole number without decade or ordinal marks. */
  boolean isPlainInteger() {
    return kind == Kind.NUMBER
        && !has(DECADE)
        && !has(ORDINAL)
        && number.stripTrailingZeros().scale() <= 0;
  }
}
