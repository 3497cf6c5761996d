package com.oxidly.domain.ai;

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
}
