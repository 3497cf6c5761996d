package com.oxidly.domain.nlsearch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Phrases of one or more words and what they stand for, found in a token list by longest match
 * ("New York" before "York"). Built once per vocabulary; lookups cost a hash probe per word.
 *
 * @param <T> what a phrase stands for; one phrase may stand for several things
 */
final class PhraseIndex<T> {

  /** Where a phrase ends (exclusive token index) and what it stands for. */
  record Hit<T>(int end, List<T> values) {
    T first() {
      return values.getFirst();
    }
  }

  private static final class Node<T> {
    final Map<String, Node<T>> next = new HashMap<>(4);
    List<T> values;
  }

  private final Node<T> root = new Node<>();
  private final UnaryOperator<String> key;

  /**
   * @param key how a folded word is compared, e.g. {@link Words#singular} so that "machines" finds
   *     "machine"; applied to the indexed phrases and to the sentence alike
   */
  PhraseIndex(UnaryOperator<String> key) {
    this.key = key;
  }

  /** Adds {@code value} under the folded {@code words}; a value already there is kept once. */
  void put(List<String> words, T value) {
    if (words.isEmpty()) {
      return;
    }
    Node<T> node = root;
    for (String word : words) {
      node = node.next.computeIfAbsent(key.apply(word), w -> new Node<>());
    }
    if (node.values == null) {
      node.values = new ArrayList<>(1);
    }
    if (!node.values.contains(value)) {
      node.values.add(value);
    }
  }

  /** The longest phrase starting at token {@code from}, or null. */
  Hit<T> longest(List<Token> tokens, int from) {
    Node<T> node = root;
    Hit<T> best = null;
    for (int i = from; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (!token.isWord() && !token.isNumber()) {
        break;
      }
      node = node.next.get(key.apply(token.word()));
      if (node == null) {
        break;
      }
      if (node.values != null) {
        best = new Hit<>(i + 1, node.values);
      }
    }
    return best;
  }

  /** Whether some phrase starts with this folded word. */
  boolean starts(String word) {
    return root.next.containsKey(key.apply(word));
  }
}
