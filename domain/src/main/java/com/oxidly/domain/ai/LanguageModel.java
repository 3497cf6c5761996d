package com.oxidly.domain.ai;

import java.util.List;

/**
 * The language-model port. Oxidly works fully without a model: every feature that can use one has a
 * local implementation and asks {@link #configured()} first. When a model is configured (an OpenAI
 * key or an OpenAI-compatible base URL), answers are JSON documents constrained by a schema and
 * must still be validated like user input by the caller.
 */
public interface LanguageModel {

  /** Whether a model is configured; without one callers use their local implementation. */
  boolean configured();

  /** The model's name, e.g. {@code gpt-4o-mini}; "none" when none is configured. */
  String modelName();

  /**
   * Asks for one JSON document matching {@code request.schema()}. Not idempotent in general (a
   * model may answer differently twice); callers cache by input where that matters.
   *
   * @return the JSON text of the answer
   * @throws LanguageModelException when no model is configured, on timeout, on an HTTP or network
   *     error, a refusal or an empty answer; the message says which
   */
  String json(JsonRequest request);

  /**
   * Which vectors {@link #embed} makes: model and length, e.g. {@code text-embedding-3-small@256}.
   * Vectors are comparable only under the same key; "none" when no model is configured.
   */
  String embeddingKey();

  /** Length of every vector {@link #embed} returns; 0 when no model is configured. */
  int embeddingDimensions();

  /**
   * Embeds texts for semantic similarity. Idempotent in effect (the same text gives a vector of the
   * same meaning), so callers store the result keyed by {@link #embeddingKey()} and text.
   *
   * @param texts at most 256 non-blank texts
   * @return one vector per text, in order, each {@link #embeddingDimensions()} long
   * @throws LanguageModelException when no model is configured, on timeout, an HTTP or network
   *     error, or an answer of the wrong shape
   */
  List<float[]> embed(List<String> texts);
}
