package com.oxidly.domain.query;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Case and accent folding shared by every executor, so "Munchen", "MÜNCHEN" and "München" are the
 * same word in Java, in PostgreSQL ({@link #sql}) and in the index. One character table is used
 * everywhere because the Elasticsearch distribution has no asciifolding filter.
 */
public final class TextFolding {

  static final String ACCENTED = "áàâäãåāăąçćčďđéèêëēėęěğíìîïīįıłľĺñńňóòôöõøōőŕřśšşťţúùûüūůűųýÿžźż";
  static final String PLAIN = "aaaaaaaaacccddeeeeeeeegiiiiiiilllnnnoooooooorrsssttuuuuuuuuyyzzz";

  /** Compiled once: {@link #words} runs for every product of every order a document holds. */
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private TextFolding() {}

  /** Lower-case, accents removed, ß as ss, æ as ae, œ as oe, trimmed. Null stays null. */
  public static String fold(String text) {
    if (text == null) {
      return null;
    }
    String lower = text.trim().toLowerCase(Locale.ROOT);
    StringBuilder folded = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int at = ACCENTED.indexOf(c);
      if (at >= 0) {
        folded.append(PLAIN.charAt(at));
      } else if (c == 'ß') {
        folded.append("ss");
      } else if (c == 'æ') {
        folded.append("ae");
      } else if (c == 'œ') {
        folded.append("oe");
      } else {
        folded.append(c);
      }
    }
    return folded.toString();
  }

  /**
   * Folded words separated by single spaces, punctuation removed: "Coffee-Beans (1kg)" reads
   * "coffee beans 1kg". Product matching compares such word runs in every executor.
   */
  public static String words(String text) {
    String folded = fold(text);
    return folded == null ? null : NOT_WORD.matcher(folded).replaceAll(" ").trim();
  }

  /** {@link #words} as a PostgreSQL expression over {@code column}. */
  static String wordsSql(String column) {
    return "btrim(regexp_replace(" + sql(column) + ", '[^[:alnum:]]+', ' ', 'g'))";
  }

  /** The same folding as a PostgreSQL expression over {@code column}. */
  static String sql(String column) {
    return "replace(replace(replace(translate(lower(btrim("
        + column
        + ")), '"
        + ACCENTED
        + "', '"
        + PLAIN
        + "'), 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe')";
  }
}
