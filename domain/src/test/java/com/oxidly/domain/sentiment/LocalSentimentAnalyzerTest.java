package com.oxidly.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.oxidly.domain.sentiment.LocalSentimentAnalyzer.Rules;
import org.junit.jupiter.api.Test;

/** The rules of the local analyzer, one by one. */
class LocalSentimentAnalyzerTest {

  private final LocalSentimentAnalyzer vader = new LocalSentimentAnalyzer(Rules.VADER);
  private final LocalSentimentAnalyzer oxidly = new LocalSentimentAnalyzer(Rules.OXIDLY);

  @Test
  void aLexiconWordIsNormalisedToTheCompoundScore() {
    // "good" has valence 1.9 in VADER's lexicon: 1.9 / sqrt(1.9² + 15)
    assertThat(vader.compound("good")).isCloseTo(1.9 / Math.sqrt(1.9 * 1.9 + 15), within(1e-9));
    assertThat(vader.compound("The parcel came on Tuesday")).isZero();
    assertThat(oxidly.analyze("   ").label()).isEqualTo(Sentiment.NEUTRAL);
  }

  @Test
  void theCompoundScoreStaysWithinMinusOneAndOne() {
    String gushing = "AMAZING amazing love love love best best perfect wonderful!!!!!!".repeat(20);
    assertThat(oxidly.compound(gushing)).isBetween(0.99, 1.0);
    assertThat(oxidly.compound("awful horrible worst terrible ".repeat(50))).isBetween(-1.0, -0.99);
  }

  @Test
  void negationFlipsAndDampens() {
    for (LocalSentimentAnalyzer analyzer : new LocalSentimentAnalyzer[] {vader, oxidly}) {
      assertThat(analyzer.compound("not good")).isNegative();
      assertThat(analyzer.compound("isn't good")).isNegative();
      assertThat(analyzer.compound("isnt good")).isNegative();
      assertThat(analyzer.compound("not bad")).isPositive();
      // within three words
      assertThat(analyzer.compound("never was it any good")).isGreaterThan(0);
      assertThat(analyzer.compound("it was not very good")).isNegative();
      assertThat(Math.abs(analyzer.compound("not bad"))).isLessThan(analyzer.compound("good"));
    }
  }

  @Test
  void boostersRaiseAndDampenersLower() {
    assertThat(vader.compound("very good")).isGreaterThan(vader.compound("good"));
    assertThat(vader.compound("extremely bad")).isLessThan(vader.compound("bad"));
    assertThat(vader.compound("slightly good")).isLessThan(vader.compound("good"));
    assertThat(vader.compound("it is kind of good")).isLessThan(vader.compound("it is good"));
  }

  @Test
  void butMakesTheSecondHalfCount() {
    assertThat(vader.compound("The screen is great but the battery is terrible")).isNegative();
    assertThat(vader.compound("The screen is terrible but the battery is great")).isPositive();
  }

  @Test
  void exclamationQuestionMarksAndCapitalsEmphasise() {
    assertThat(vader.compound("good!")).isGreaterThan(vader.compound("good"));
    assertThat(vader.compound("good!!!")).isGreaterThan(vader.compound("good!"));
    assertThat(vader.compound("good!!!!!!!!")).isEqualTo(vader.compound("good!!!!"));
    assertThat(vader.compound("bad??")).isLessThan(vader.compound("bad"));
    assertThat(vader.compound("it is GOOD")).isGreaterThan(vader.compound("it is good"));
    // all capitals is shouting everywhere, which emphasises nothing in particular
    assertThat(vader.compound("IT IS GOOD")).isEqualTo(vader.compound("it is good"));
  }

  @Test
  void emoticonsAndEmojiCarrySentiment() {
    assertThat(vader.analyze("arrived today :)").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(vader.analyze("arrived today :(").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("arrived today 😍").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("arrived today 😡").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("arrived today ❤️").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("thumbs 👍🏽").label()).isEqualTo(Sentiment.POSITIVE);
  }

  @Test
  void reviewPhrasesThatPlainVaderMisses() {
    assertThat(vader.analyze("Waste of money.").label()).isNotEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.compound("Waste of money.")).isLessThan(vader.compound("Waste of money."));
    assertThat(vader.analyze("Stopped working after a week.").label())
        .isEqualTo(Sentiment.NEGATIVE)
        .as("VADER rates 'stopped' slightly negative");
    assertThat(oxidly.compound("Stopped working after a week."))
        .isLessThan(vader.compound("Stopped working after a week."));
    assertThat(vader.analyze("It doesn't work.").label()).isEqualTo(Sentiment.NEUTRAL);
    assertThat(oxidly.analyze("It doesn't work.").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("It does not work").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("Never again.").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("Flimsy and overpriced.").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("Don't waste your money on this.").label())
        .isEqualTo(Sentiment.NEGATIVE);
    assertThat(vader.analyze("Don't waste your money on this.").label())
        .isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("Way too small.").label()).isEqualTo(Sentiment.NEGATIVE);
    // the words before a phrase still act on it
    assertThat(oxidly.analyze("It is not a waste of money at all.").label())
        .isEqualTo(Sentiment.POSITIVE);
  }

  @Test
  void ratingsCount() {
    assertThat(vader.analyze("Five stars").label()).isEqualTo(Sentiment.NEUTRAL);
    assertThat(oxidly.analyze("Five stars").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("5 stars!").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("A 5-star shop").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("One star.").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("I'd give it zero stars").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("10/10 would buy").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("2/10").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("Three stars").label()).isEqualTo(Sentiment.NEUTRAL);
  }

  @Test
  void negationStopsAtTheEndOfItsClause() {
    String text = "Not what I usually buy, but great quality.";
    assertThat(oxidly.analyze(text).label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(vader.compound("Never mind, good stuff")).isNegative();
    assertThat(oxidly.compound("Never mind, good stuff")).isPositive();
  }

  @Test
  void contrastWorksInEverySentence() {
    // VADER weighs the whole text around its first "but" only
    String text = "Good price, but slow. Nice colour but it broke in a week.";
    assertThat(vader.analyze(text).label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze(text).label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("Looks great. However, it broke in a week.").label())
        .isEqualTo(Sentiment.NEGATIVE);
  }

  @Test
  void questionsAskingForInformationAssertLittle() {
    assertThat(vader.analyze("Is it dishwasher safe?").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("Is it dishwasher safe?").label()).isEqualTo(Sentiment.NEUTRAL);
    assertThat(oxidly.analyze("Why is it so terribly slow?").label()).isEqualTo(Sentiment.NEGATIVE);
  }

  @Test
  void politenessAndPlainRequestsAreNeutral() {
    assertThat(vader.analyze("Please update my address.").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(oxidly.analyze("Please update my address.").label()).isEqualTo(Sentiment.NEUTRAL);
    assertThat(oxidly.analyze("I would like to change my payment method.").label())
        .isEqualTo(Sentiment.NEUTRAL);
    assertThat(oxidly.analyze("It feels like a good jacket.").label())
        .isEqualTo(Sentiment.POSITIVE);
  }

  @Test
  void typographicApostrophesNegateToo() {
    assertThat(oxidly.analyze("It doesn’t work").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("I wasn’t happy").label()).isEqualTo(Sentiment.NEGATIVE);
  }

  @Test
  void labelsFollowVadersThresholds() {
    assertThat(Sentiment.labelOf(0.05)).isEqualTo(Sentiment.POSITIVE);
    assertThat(Sentiment.labelOf(0.0499)).isEqualTo(Sentiment.NEUTRAL);
    assertThat(Sentiment.labelOf(-0.05)).isEqualTo(Sentiment.NEGATIVE);
    assertThat(oxidly.analyze("love it").source()).isEqualTo(Sentiment.LOCAL);
  }
}
