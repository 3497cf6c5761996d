package com.oxidly.ui.api;

import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.sentiment.SentimentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sentiment of any texts, for support tools and scripts: a label and a score per text, from the
 * language model when one is configured and the local analyzer otherwise.
 */
@RestController
@RequestMapping("/api/analytics")
@Tag(name = "Analytics")
class SentimentController {

  static final int MAX_TEXTS = 1_000;
  static final int MAX_TEXT_LENGTH = 5_000;

  /** Errors listed in one answer at most; the count says how many there were. */
  private static final int MAX_ERRORS_LISTED = 20;

  private final SentimentService sentiments;

  SentimentController(SentimentService sentiments) {
    this.sentiments = sentiments;
  }

  /**
   * @param texts 1 to 1,000 non-blank texts of at most 5,000 characters each
   */
  record SentimentRequest(List<String> texts) {}

  /**
   * @param label {@code negative}, {@code neutral} or {@code positive}
   * @param score from -1 to 1
   * @param source {@code model} (the language model) or {@code local} (Oxidly's analyzer)
   */
  record SentimentResult(String label, double score, String source) {}

  /**
   * @param results one per text, in the order of the texts
   */
  record SentimentResponse(List<SentimentResult> results) {}

  /** The request names texts that cannot be scored. */
  static final class InvalidTextsException extends RuntimeException {
    private final List<FieldError> errors;

    InvalidTextsException(List<FieldError> errors) {
      super(String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
      this.errors = errors;
    }
  }

  @PostMapping("/sentiment")
  @Operation(
      summary = "Label and score the sentiment of up to 1,000 texts",
      description =
          "Each text gets negative, neutral or positive and a score from -1 to 1, in order. With a"
              + " language model configured the model answers (cached by text), else Oxidly's"
              + " local analyzer; a failing model falls back to the local analyzer.")
  SentimentResponse score(@RequestBody(required = false) SentimentRequest request) {
    List<String> texts = validate(request);
    return new SentimentResponse(
        sentiments.score(texts).stream()
            .map(s -> new SentimentResult(s.label(), s.score(), s.source()))
            .toList());
  }

  @ExceptionHandler(InvalidTextsException.class)
  ProblemDetail invalidTexts(InvalidTextsException e) {
    List<FieldError> listed = e.errors.subList(0, Math.min(e.errors.size(), MAX_ERRORS_LISTED));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            (e.errors.size() == 1 ? "1 problem: " : e.errors.size() + " problems: ")
                + String.join(
                    "; ", listed.stream().map(f -> f.field() + " " + f.message()).toList())
                + (listed.size() < e.errors.size() ? "; ..." : ""));
    problem.setTitle("Invalid texts");
    problem.setProperty("errors", listed);
    return problem;
  }

  private static List<String> validate(SentimentRequest request) {
    if (request == null || request.texts() == null) {
      throw new InvalidTextsException(
          List.of(new FieldError("texts", "is required: a list of 1 to 1,000 texts")));
    }
    List<String> texts = request.texts();
    if (texts.isEmpty() || texts.size() > MAX_TEXTS) {
      throw new InvalidTextsException(
          List.of(
              new FieldError(
                  "texts", "has " + texts.size() + " texts; send 1 to " + MAX_TEXTS + " at once")));
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null || text.isBlank()) {
        errors.add(new FieldError("texts[" + i + "]", "is blank"));
      } else if (text.length() > MAX_TEXT_LENGTH) {
        errors.add(
            new FieldError(
                "texts[" + i + "]",
                "is " + text.length() + " characters long; at most " + MAX_TEXT_LENGTH));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidTextsException(errors);
    }
    return texts;
  }
}
