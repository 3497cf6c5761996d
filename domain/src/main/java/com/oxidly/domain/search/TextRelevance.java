package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ranks customers by what they wrote: the words of a search that are not conditions ("complained
 * about late delivery", "loves espresso") are matched with BM25 against the text of their reviews
 * and interactions (tickets, chats, email replies). A customer matches when one of their texts
 * holds most of the words; their score is their best matching text, reviews and interactions added.
 */
public final class TextRelevance {

  /** Share of the words one text must hold: "late delivery" needs both, four words need three. */
  static final String MINIMUM_SHOULD_MATCH = "2<75%";

  /**
   * Words that say how a customer wrote, not what about: "complained about late delivery" searches
   * for "late delivery".
   */
  private static final Set<String> NOT_CONTENT =
      Set.of(
          "a",
          "an",
          "the",
          "of",
          "to",
          "in",
          "on",
          "for",
          "with",
          "about",
          "regarding",
          "and",
          "or",
          "their",
          "my",
          "our",
          "its",
          "complain",
          "complained",
          "complaining",
          "complains",
          "complaint",
          "complaints",
          "talk",
          "talked",
          "talking",
          "talks",
          "ask",
          "asked",
          "asking",
          "asks",
          "wrote",
          "write",
          "writing",
          "mention",
          "mentioned",
          "mentioning",
          "mentions",
          "love",
          "loves",
          "loved",
          "loving",
          "like",
          "likes",
          "liked",
          "enjoy",
          "enjoys",
          "enjoyed",
          "hate",
          "hates",
          "hated",
          "care",
          "cares",
          "raving",
          "raved",
          "interested");

  private TextRelevance() {}

  /** The content words of free-text phrases, lower case, in order, without repeats. */
  static List<String> contentWords(List<String> phrases) {
    Set<String> words = new LinkedHashSet<>();
    for (String phrase : phrases) {
      for (String word : phrase.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        if (!word.isEmpty() && !NOT_CONTENT.contains(word)) {
          words.add(word);
        }
      }
    }
    return List.copyOf(words);
  }

  /**
   * {@code filter} (exact conditions, no score) that must also mention {@code words}, scored by
   * BM25 over reviews and interactions.
   *
   * @param phrases free-text phrases, e.g. {@code ["complained about late delivery"]}; without
   *     content words there is no relevance part
   */
  public static Query rank(Query filter, List<String> phrases) {
    return rank(filter, phrases, null);
  }

  /**
   * As {@link #rank(Query, List)}, and also customers with a text near in meaning: kNN over the
   * texts' vectors. A customer may match by words, by meaning, or both (scores add up).
   *
   * @param nearText the vector of the content words and where to look; null for words alone
   */
  static Query rank(Query filter, List<String> phrases, NearText nearText) {
    String text = String.join(" ", contentWords(phrases));
    if (text.isEmpty()) {
      return filter;
    }
    return Query.of(
        q ->
            q.bool(
                b -> {
                  b.filter(filter)
                      .should(mentions("reviews", text))
                      .should(mentions("interactions", text));
                  if (nearText != null) {
                    b.should(near("reviews", nearText)).should(near("interactions", nearText));
                  }
                  return b.minimumShouldMatch("1");
                }));
  }

  /**
   * A search phrase's vector for kNN over the texts' vectors.
   *
   * @param field the vector field inside reviews and interactions
   * @param minSimilarity the cosine similarity a text needs to count as about the phrase at all;
   *     without it kNN would always return its k nearest, however unrelated
   * @param candidates texts considered per shard (more is slower and more exact)
   */
  record NearText(String field, float[] vector, double minSimilarity, int candidates) {}

  private static Query near(String path, NearText nearText) {
    List<Float> vector = new java.util.ArrayList<>(nearText.vector().length);
    for (float v : nearText.vector()) {
      vector.add(v);
    }
    return bestText(
        path,
        Query.of(
            q ->
                q.knn(
                    k ->
                        k.field(path + "." + nearText.field())
                            .queryVector(vector)
                            .numCandidates(nearText.candidates())
                            .similarity((float) nearText.minSimilarity()))));
  }

  /** A customer scores as their best matching text under {@code path}. */
  private static Query bestText(String path, Query text) {
    return Query.of(q -> q.nested(n -> n.path(path).scoreMode(ChildScoreMode.Max).query(text)));
  }

  private static Query mentions(String path, String text) {
    return bestText(
        path,
        Query.of(
            q ->
                q.match(
                    m ->
                        m.field(path + ".text")
                            .query(text)
                            .operator(Operator.Or)
                            .minimumShouldMatch(MINIMUM_SHOULD_MATCH))));
  }
}
