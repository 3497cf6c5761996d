package com.oxidly.domain.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.OpenAiStandIn.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiLanguageModelTest {

  private final OpenAiStandIn standIn = new OpenAiStandIn();
  // Generous: the first request of a fresh JVM on a busy machine is slow.
  private final LanguageModel model = model(Duration.ofSeconds(20));

  private static final JsonRequest REQUEST =
      new JsonRequest(
          "greeting",
          "Answer with a greeting.",
          "Say hello to Ana",
          Map.of(
              "type",
              "object",
              "properties",
              Map.of("text", Map.of("type", "string")),
              "required",
              List.of("text"),
              "additionalProperties",
              false));

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void asksForStrictStructuredOutputAndReturnsTheJson() {
    standIn.enqueue(Reply.content("{\"text\":\"Hello Ana\"}"));

    assertThat(model.json(REQUEST)).isEqualTo("{\"text\":\"Hello Ana\"}");

    JsonNode sent = standIn.requests().getFirst();
    assertThat(sent.get("model").asString()).isEqualTo("stand-in-model");
    assertThat(sent.get("temperature").asDouble()).isZero();
    assertThat(sent.get("messages").get(0).get("role").asString()).isEqualTo("system");
    assertThat(sent.get("messages").get(0).get("content").asString())
        .isEqualTo("Answer with a greeting.");
    assertThat(sent.get("messages").get(1).get("content").asString()).isEqualTo("Say hello to Ana");
    JsonNode format = sent.get("response_format");
    assertThat(format.get("type").asString()).isEqualTo("json_schema");
    assertThat(format.get("json_schema").get("name").asString()).isEqualTo("greeting");
    assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
    assertThat(format.get("json_schema").get("schema").get("required").get(0).asString())
        .isEqualTo("text");
  }

  @Test
  void everyKindOfFailureIsALanguageModelException() {
    standIn.enqueue(Reply.error(500), Reply.error(500), Reply.refusal("I cannot help with that"));
    assertThatThrownBy(() -> model.json(REQUEST))
        .isInstanceOf(LanguageModelException.class)
        .hasMessageContaining("did not answer");
    assertThatThrownBy(() -> model.json(REQUEST))
        .isInstanceOf(LanguageModelException.class)
        .hasMessageContaining("refused");

    standIn.enqueue(Reply.content("{}").delayed(3_000), Reply.content("{}").delayed(3_000));
    assertThatThrownBy(() -> model(Duration.ofMillis(500)).json(REQUEST))
        .isInstanceOf(LanguageModelException.class);
  }

  private LanguageModel model(Duration timeout) {
    return new OpenAiLanguageModel(AiProperties.at(standIn.baseUrl(), "stand-in-model", timeout));
  }

  @Test
  void withoutAModelItSaysHowToConfigureOne() {
    LanguageModel none = new LanguageModelConfiguration.NoLanguageModel();
    assertThat(none.configured()).isFalse();
    assertThatThrownBy(() -> none.json(REQUEST)).hasMessageContaining("oxidly.ai.base-url");
  }
}
