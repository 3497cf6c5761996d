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
 */
@ConfigurationProperties("oxidly.ai")
public record AiProperties(String apiKey, String baseUrl, String model, Duration timeout) {

  public AiProperties {
    apiKey = apiKey == null ? "" : apiKey.trim();
    baseUrl = baseUrl == null ? "" : baseUrl.trim();
    model = model == null || model.isBlank() ? "gpt-4o-mini" : model.trim();
    timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
  }

  /** A key or a base URL is set. */
  public boolean configured() {
    return !apiKey.isEmpty() || !baseUrl.isEmpty();
  }
}
