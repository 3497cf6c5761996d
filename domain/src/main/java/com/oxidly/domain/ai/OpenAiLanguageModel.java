package com.oxidly.domain.ai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The port over the OpenAI chat completions API with strict structured outputs. */
final class OpenAiLanguageModel implements LanguageModel {

  private static final Logger log = LoggerFactory.getLogger(OpenAiLanguageModel.class);

  private static final int MAX_TEXTS_PER_REQUEST = 256;

  private final OpenAIClient client;
  private final String model;
  private final String embeddingModel;
  private final int dimensions;

  OpenAiLanguageModel(AiProperties properties) {
    OpenAIOkHttpClient.Builder builder =
        OpenAIOkHttpClient.builder()
            // A local OpenAI-compatible server often needs no key, but the client insists on one.
            .apiKey(properties.apiKey().isEmpty() ? "no-key" : properties.apiKey())
            .timeout(properties.timeout())
            // One retry for a dropped connection; beyond that the local implementation answers.
            .maxRetries(1);
    if (!properties.baseUrl().isEmpty()) {
      builder.baseUrl(properties.baseUrl());
    }
    this.client = builder.build();
    this.model = properties.model();
    this.embeddingModel = properties.embeddingModel();
    this.dimensions = properties.embeddingDimensions();
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public String modelName() {
    return model;
  }

  @Override
  public String json(JsonRequest request) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(model)
            .temperature(0.0)
            .addSystemMessage(request.instructions())
            .addUserMessage(request.input())
            .responseFormat(
                ResponseFormatJsonSchema.builder()
                    .jsonSchema(
                        ResponseFormatJsonSchema.JsonSchema.builder()
                            .name(request.schemaName())
                            .strict(true)
                            .schema(schema(request.schema()))
                            .build())
                    .build())
            .build();
    long started = System.nanoTime();
    ChatCompletion completion;
    try {
      completion = client.chat().completions().create(params);
    } catch (OpenAIException e) {
      throw new LanguageModelException(
          "the language model did not answer (" + e.getClass().getSimpleName() + ")", e);
    } catch (RuntimeException e) {
      throw new LanguageModelException("the language model could not be reached", e);
    }
    log.debug(
        "{} answered {} in {} ms",
        model,
        request.schemaName(),
        (System.nanoTime() - started) / 1_000_000);
    if (completion.choices().isEmpty()) {
      throw new LanguageModelException("the language model returned no answer");
    }
    ChatCompletionMessage message = completion.choices().getFirst().message();
    if (message.refusal().isPresent()) {
      throw new LanguageModelException(
          "the language model refused: " + message.refusal().orElseThrow());
    }
    return message
        .content()
        .filter(content -> !content.isBlank())
        .orElseThrow(() -> new LanguageModelException("the language model returned no content"));
  }

  @Override
  public String embeddingKey() {
    return embeddingModel + "@" + dimensions;
  }

  @Override
  public int embeddingDimensions() {
    return dimensions;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    if (texts.size() > MAX_TEXTS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "at most " + MAX_TEXTS_PER_REQUEST + " texts per request, got " + texts.size());
    }
    EmbeddingCreateParams params =
        EmbeddingCreateParams.builder()
            .model(embeddingModel)
            .inputOfArrayOfStrings(texts)
            .dimensions(dimensions)
            .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
            .build();
    CreateEmbeddingResponse response;
    try {
      response = client.embeddings().create(params);
    } catch (OpenAIException e) {
      throw new LanguageModelException(
          "the embedding model did not answer (" + e.getClass().getSimpleName() + ")", e);
    } catch (RuntimeException e) {
      throw new LanguageModelException("the embedding model could not be reached", e);
    }
    float[][] vectors = new float[texts.size()][];
    for (Embedding embedding : response.data()) {
      int index = (int) embedding.index();
      List<Float> values = embedding.embedding();
      if (index < 0 || index >= vectors.length || values.size() != dimensions) {
        throw new LanguageModelException(
            "the embedding model answered a vector of "
                + values.size()
                + " numbers at index "
                + index
                + "; expected "
                + dimensions
                + " at 0.."
                + (vectors.length - 1));
      }
      float[] vector = new float[dimensions];
      for (int i = 0; i < dimensions; i++) {
        vector[i] = values.get(i);
      }
      vectors[index] = vector;
    }
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] == null) {
        throw new LanguageModelException("the embedding model returned no vector for text " + i);
      }
    }
    return List.of(vectors);
  }

  private static ResponseFormatJsonSchema.JsonSchema.Schema schema(Map<String, Object> schema) {
    ResponseFormatJsonSchema.JsonSchema.Schema.Builder builder =
        ResponseFormatJsonSchema.JsonSchema.Schema.builder();
    schema.forEach((key, value) -> builder.putAdditionalProperty(key, JsonValue.from(value)));
    return builder.build();
  }
}
