package com.oxidly.domain.ai;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link LanguageModel}: OpenAI (or compatible) when configured, else none. */
@Configuration
@EnableConfigurationProperties(AiProperties.class)
class LanguageModelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LanguageModelConfiguration.class);

  @Bean
  LanguageModel languageModel(AiProperties properties) {
    if (!properties.configured()) {
      log.info("No language model configured: local implementations answer everything");
      return new NoLanguageModel();
    }
    log.info(
        "Language model {} at {}",
        properties.model(),
        properties.baseUrl().isEmpty() ? "api.openai.com" : properties.baseUrl());
    return new OpenAiLanguageModel(properties);
  }

  /** Says so, clearly, when asked anyway. */
  static final class NoLanguageModel implements LanguageModel {

    @Override
    public boolean configured() {
      return false;
    }

    @Override
    public String modelName() {
      return "none";
    }

    @Override
    public String json(JsonRequest request) {
      throw notConfigured();
    }

    @Override
    public String embeddingKey() {
      return "none";
    }

    @Override
    public int embeddingDimensions() {
      return 0;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      throw notConfigured();
    }

    private static LanguageModelException notConfigured() {
      return new LanguageModelException(
          "no language model is configured (set oxidly.ai.api-key or oxidly.ai.base-url)");
    }
  }
}
