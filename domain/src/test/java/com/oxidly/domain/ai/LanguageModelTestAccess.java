package com.oxidly.domain.ai;

import java.time.Duration;

/** Language models for tests in other packages: none, or OpenAI's API at a stand-in. */
public final class LanguageModelTestAccess {

  private LanguageModelTestAccess() {}

  public static LanguageModel none() {
    return new LanguageModelConfiguration.NoLanguageModel();
  }

  public static LanguageModel openAi(String baseUrl) {
    return new OpenAiLanguageModel(
        AiProperties.at(baseUrl, "stand-in-model", Duration.ofSeconds(20)));
  }
}
