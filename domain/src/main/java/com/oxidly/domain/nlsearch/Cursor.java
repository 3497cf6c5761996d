package com.oxidly.domain.nlsearch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A position in the token list with the small matching steps every rule is written in. */
final class Cursor {

  private static final Map<String, String[]> SPLIT = new ConcurrentHashMap<>();

  final List<Token> tokens;
  int pos;

  Cursor(List<Token> tokens) {
    this.tokens = tokens;
  }

  boolean atEnd() {
    return pos >= tokens.size();
  }

  /** The token {@code ahead} places from here, or null past the end. */
  Token peek(int ahead) {
    int at = pos + ahead;
    return at < tokens.size() ? tokens.get(at) : null;
  }

  Token peek() {
    return peek(0);
  }

  Token next() {
    return tokens.get(pos++);
  }

  /** Whether the token here has this folded word (or symbol). */
  boolean at(String word) {
    return pos < tokens.size() && tokens.get(pos).is(word);
  }

  boolean atAny(Set<String> words) {
    return pos < tokens.size() && words.contains(tokens.get(pos).word());
  }

  /** Consumes {@code phrase} (folded words separated by spaces) when it is here. */
  boolean accept(String phrase) {
    String[] words = SPLIT.computeIfAbsent(phrase, p -> p.isEmpty() ? new String[0] : p.split(" "));
    if (pos + words.length > tokens.size()) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!tokens.get(pos + i).is(words[i])) {
        return false;
      }
    }
    pos += words.length;
    return true;
  }

  /** Consumes the first of {@code phrases} that is here (list longer phrases first) and says it. */
  String acceptAny(String... phrases) {
    for (String phrase : phrases) {
      if (accept(phrase)) {
        return phrase;
      }
    }
    return null;
  }

  /** Consumes one of {@code words} when the token here is one of them, and says which. */
  String acceptWord(Set<String> words) {
    if (atAny(words)) {
      return tokens.get(pos++).word();
    }
    return null;
  }

  /** Characters of the sentence from token {@code from} to token {@code to} (exclusive). */
  String text(String sentence, int from, int to) {
    if (from >= to) {
      return "";
    }
    Token last = tokens.get(to - 1);
    return sentence.substring(tokens.get(from).start(), last.start() + last.text().length());
  }
}
