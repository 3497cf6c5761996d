package com.oxidly.domain.ai;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach a language model ({@code oxidly.ai.*}). Nothing set means no model: Oxidly then uses
 * its local implementations everywhere.
 *
 * @param apiKey an OpenAI API key (defaults to the OPENAI_API_KEY environment variable)
 * @param baseUrl an OpenAI-compatible endpoint, e.g. {@code http://localhost:11434/v1}; blank means
 *     OpenAI's own when a key is set
 * @param model the chat model to use
 * @param timeout how long one request may take before the local implementation answers instead
 * @param embeddingModel the embedding model for what customers wrote (free-text relevance)
 * @param embeddingDimensions length of its vectors (OpenAI's text-embedding-3 models shorten on
 *     request); between 2 and 4096
 * @param embedTexts whether to embed review and interaction texts at all when a model is configured
 */
@ConfigurationProperties("oxidly.ai")
public record AiProperties(
    String apiKey,
    String baseUrl,
    String model,
    Duration timeout,
    String embeddingModel,
    Integer embeddingDimensions,
    Boolean embedTexts) {

  public AiProperties {
    apiKey = apiKey == null ? "" : apiKey.trim();
    baseUrl = baseUrl == null ? "" : baseUrl.trim();
    model = model == null || model.isBlank() ? "gpt-4o-mini" : model.trim();
    timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
    embeddingModel =
        embeddingModel == null || embeddingModel.isBlank()
            ? "text-embedding-3-small"
            : embeddingModel.trim();
    embeddingDimensions = embeddingDimensions == null ? 256 : embeddingDimensions;
    if (embeddingDimensions < 2 || embeddingDimensions > 4096) {
      throw new IllegalArgumentException(
          "oxidly.ai.embedding-dimensions must be between 2 and 4096, was " + embeddingDimensions);
    }
    embedTexts = embedTexts == null || embedTexts;
  }

  /** A chat model at {@code baseUrl} with the defaults for everything else (for tests). */
  public static AiProperties at(String baseUrl, String model, Duration timeout) {
    return new AiProperties("", baseUrl, model, timeout, null, null, null);
  }

  /** A key or a base URL is set. */
  public boolean configured() {
    return !apiKey.isEmpty() || !baseUrl.isEmpty();
  }
}
