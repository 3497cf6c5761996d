package com.oxidly.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.sentiment.LabelledSentences.Labelled;
import com.oxidly.domain.sentiment.LocalSentimentAnalyzer.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the local analyzer on labelled review-like sentences, with Oxidly's rules and with
 * plain VADER rules. The thresholds are the figures measured when the rules were written (recorded
 * in docs/benchmarks.md), rounded down: a change that loses accuracy fails here.
 */
class SentimentAccuracyTest {

  private static final List<Labelled> DEVELOPMENT = LabelledSentences.load();
  private static final List<Labelled> HELD_OUT = LabelledSentences.load("held-out-reviews.tsv");

  private final LocalSentimentAnalyzer vader = new LocalSentimentAnalyzer(Rules.VADER);
  private final LocalSentimentAnalyzer oxidly = new LocalSentimentAnalyzer(Rules.OXIDLY);

  @Test
  void theLabelledSetsCoverEveryLabel() {
    assertThat(DEVELOPMENT).hasSizeGreaterThanOrEqualTo(300);
    assertThat(HELD_OUT).hasSizeGreaterThanOrEqualTo(90);
    for (String label : Sentiment.LABELS) {
      assertThat(DEVELOPMENT.stream().filter(s -> s.label().equals(label)).count())
          .as(label)
          .isGreaterThanOrEqualTo(90);
      assertThat(HELD_OUT.stream().filter(s -> s.label().equals(label)).count())
          .as(label)
          .isEqualTo(30);
    }
  }

  @Test
  void plainVaderRulesScoreLikeThePublishedMethod() {
    // 72.5 % and 74.4 % measured: a rule lost in the port would show as a drop here.
    assertThat(LabelledSentences.accuracy(vader, DEVELOPMENT)).isGreaterThanOrEqualTo(0.72);
    assertThat(LabelledSentences.accuracy(vader, HELD_OUT)).isGreaterThanOrEqualTo(0.74);
  }

  @Test
  void oxidlyRulesBeatPlainVaderOnTheSetTheyWereWrittenOn() {
    // 96.4 % measured; optimistic, as the review rules were written looking at these sentences.
    assertThat(LabelledSentences.accuracy(oxidly, DEVELOPMENT)).isGreaterThanOrEqualTo(0.96);
  }

  @Test
  void oxidlyRulesBeatPlainVaderOnSentencesTheyNeverSaw() {
    // 80.0 % against 74.4 % measured: the fair estimate of what the review rules add.
    double oxidlyAccuracy = LabelledSentences.accuracy(oxidly, HELD_OUT);
    assertThat(oxidlyAccuracy).isGreaterThanOrEqualTo(0.80);
    assertThat(oxidlyAccuracy).isGreaterThan(LabelledSentences.accuracy(vader, HELD_OUT));
  }
}
