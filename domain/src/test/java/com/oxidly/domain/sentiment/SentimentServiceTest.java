package com.oxidly.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.ai.LanguageModelTestAccess;
import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.OpenAiStandIn.Reply;
import com.oxidly.domain.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scoring with the language model: batches, validation, the cache and the local fallback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentimentServiceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final OpenAiStandIn standIn = new OpenAiStandIn();
  private TestDatabase database;
  private SentimentService withModel;
  private SentimentService withoutModel;

  @BeforeAll
  void createDatabase() {
    database =
        TestDatabase.create(
            "oxidly_test_sentiment_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    withModel =
        new SentimentService(
            database.jdbc(), LanguageModelTestAccess.openAi(standIn.baseUrl()), CLOCK);
    withoutModel = new SentimentService(database.jdbc(), LanguageModelTestAccess.none(), CLOCK);
  }

  @AfterAll
  void dropDatabase() {
    standIn.close();
    database.drop();
  }

  @BeforeEach
  void reset() {
    standIn.reset();
    standIn.answerWith(request -> Reply.content(answer(texts(request), this::modelVerdict)));
    database.jdbc().update("delete from sentiment_cache");
  }

  @Test
  void withoutAModelTheLocalAnalyzerScores() {
    List<Sentiment> results = withoutModel.score(List.of("Love it!", "Broke in a week."));

    assertThat(results).extracting(Sentiment::label).containsExactly("positive", "negative");
    assertThat(results).extracting(Sentiment::source).containsOnly("local");
    assertThat(standIn.requests()).isEmpty();
  }

  @Test
  void theModelScoresInBatchesOfFiftyWithAStrictSchema() {
    List<String> texts = numbered("lovely kettle", 120);

    List<Sentiment> results = withModel.score(texts);

    assertThat(results).hasSize(120).allMatch(s -> s.source().equals("model"));
    assertThat(results).allMatch(s -> s.label().equals("positive") && s.score() == 0.9);
    assertThat(standIn.requests()).hasSize(3);
    assertThat(standIn.requests().stream().map(r -> texts(r).size()))
        .containsExactlyInAnyOrder(50, 50, 20);
    JsonNode format = standIn.requests().getFirst().path("response_format");
    assertThat(format.path("type").asString()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    assertThat(format.path("json_schema").path("name").asString()).isEqualTo("sentiment_batch");
  }

  @Test
  void answersComeBackInTheOrderOfTheTexts() {
    standIn.answerWith(
        request -> {
          // the model answers in reverse order; ids put them right
          List<String> texts = texts(request);
          List<Map<String, Object>> results = new ArrayList<>();
          for (int i = texts.size() - 1; i >= 0; i--) {
            results.add(result(i, modelVerdict(texts.get(i))));
          }
          return Reply.content(JSON.writeValueAsString(Map.of("results", results)));
        });

    List<Sentiment> results = withModel.score(List.of("awful", "lovely", "awful", "meh"));

    assertThat(results)
        .extracting(Sentiment::label)
        .containsExactly("negative", "positive", "negative", "neutral");
    assertThat(texts(standIn.requests().getFirst())).containsExactly("awful", "lovely", "meh");
  }

  @Test
  void cachedAnswersAreNotAskedForAgain() {
    withModel.score(List.of("lovely teapot", "awful teapot"));
    int requests = standIn.requests().size();

    List<Sentiment> again = withModel.score(List.of("awful teapot", "lovely teapot", "new lovely"));

    assertThat(again).extracting(Sentiment::source).containsOnly("model");
    assertThat(again)
        .extracting(Sentiment::label)
        .containsExactly("negative", "positive", "positive");
    assertThat(standIn.requests()).hasSize(requests + 1);
    assertThat(texts(standIn.requests().getLast())).containsExactly("new lovely");
    assertThat(database.jdbc().queryForObject("select count(*) from sentiment_cache", Long.class))
        .isEqualTo(3);
  }

  @Test
  void blankTextsAreNeutralWithoutAsking() {
    List<Sentiment> results = withModel.score(List.of(" ", "lovely"));

    assertThat(results.getFirst()).isEqualTo(new Sentiment("neutral", 0, "local"));
    assertThat(texts(standIn.requests().getFirst())).containsExactly("lovely");
  }

  @Test
  void aFailingBatchIsScoredLocallyAndTheOthersByTheModel() {
    standIn.answerWith(
        request -> {
          List<String> texts = texts(request);
          return texts.stream().anyMatch(t -> t.contains("broken"))
              ? Reply.error(500)
              : Reply.content(answer(texts, this::modelVerdict));
        });
    List<String> texts = new ArrayList<>(numbered("lovely mug", 50));
    texts.addAll(numbered("broken mug", 50));

    List<Sentiment> results = withModel.score(texts);

    assertThat(results.subList(0, 50)).allMatch(s -> s.source().equals("model"));
    assertThat(results.subList(50, 100))
        .allMatch(s -> s.source().equals("local") && s.label().equals("negative"));
    // only the model's answers are cached: the failed batch is asked for again next time
    assertThat(database.jdbc().queryForObject("select count(*) from sentiment_cache", Long.class))
        .isEqualTo(50);
  }

  @Test
  void anInvalidAnswerIsScoredLocallyAndNotCached() {
    for (String invalid :
        List.of(
            "{\"results\": []}",
            "{\"results\": [{\"id\": 0, \"label\": \"positive\", \"score\": 1.5}]}",
            "{\"results\": [{\"id\": 3, \"label\": \"positive\", \"score\": 0.5}]}",
            "{\"results\": [{\"id\": 0, \"label\": \"happy\", \"score\": 0.5}]}",
            "{\"results\": [{\"id\": 0, \"label\": \"negative\", \"score\": 0.5}]}",
            "not json")) {
      standIn.reset();
      standIn.enqueue(Reply.content(invalid));

      List<Sentiment> results = withModel.score(List.of("Love it!"));

      assertThat(results)
          .as(invalid)
          .containsExactly(
              new LocalSentimentAnalyzer(LocalSentimentAnalyzer.Rules.OXIDLY).analyze("Love it!"));
    }
    standIn.reset();
    standIn.enqueue(Reply.refusal("no"));
    assertThat(withModel.score(List.of("Love it!")).getFirst().source()).isEqualTo("local");
    assertThat(database.jdbc().queryForObject("select count(*) from sentiment_cache", Long.class))
        .isZero();
  }

  @Test
  void validationNamesWhatIsWrong() {
    assertThatThrownBy(() -> ModelSentimentClassifier.validate("{\"results\": []}", 2))
        .hasMessage("expected 2 results, got 0");
    assertThatThrownBy(
            () ->
                ModelSentimentClassifier.validate(
                    "{\"results\": [{\"id\": 0, \"label\": \"neutral\", \"score\": 0},"
                        + " {\"id\": 0, \"label\": \"neutral\", \"score\": 0}]}",
                    2))
        .hasMessage("id 0 is answered twice");
    assertThat(
            ModelSentimentClassifier.validate(
                "{\"results\": [{\"id\": 0, \"label\": \"neutral\", \"score\": 0.123456}]}", 1))
        .containsExactly(new Sentiment("neutral", 0.1235, "model"));
  }

  @Test
  void batchesAreCutByCountAndCharacters() {
    assertThat(SentimentService.batches(numbered("x", 101)))
        .extracting(List::size)
        .containsExactly(50, 50, 1);
    List<String> long20k =
        List.of("a".repeat(20_000), "b".repeat(20_000), "c".repeat(20_000), "d".repeat(20_000));
    assertThat(SentimentService.batches(long20k)).extracting(List::size).containsExactly(3, 1);
  }

  /** The stand-in model's opinion: "lovely" positive, "awful" or "broken" negative. */
  private String modelVerdict(String text) {
    if (text.contains("lovely")) {
      return "positive";
    }
    return text.contains("awful") || text.contains("broken") ? "negative" : "neutral";
  }

  private static Map<String, Object> result(int id, String label) {
    double score =
        switch (label) {
          case "positive" -> 0.9;
          case "negative" -> -0.8;
          default -> 0.0;
        };
    return Map.of("id", id, "label", label, "score", score);
  }

  private static String answer(List<String> texts, Function<String, String> verdict) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      results.add(result(i, verdict.apply(texts.get(i))));
    }
    return JSON.writeValueAsString(Map.of("results", results));
  }

  /** The texts a request asked about, in order of their ids. */
  private static List<String> texts(JsonNode request) {
    String user = request.path("messages").get(1).path("content").asString();
    List<String> texts = new ArrayList<>();
    for (JsonNode text : JSON.readTree(user).path("texts")) {
      texts.add(text.path("text").asString());
    }
    return texts;
  }

  private static List<String> numbered(String text, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(text + " " + i);
    }
    return texts;
  }
}
