package com.oxidly.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyDefinitionTest {

  @Test
  void everyShippedTemplateIsValidAndSurvivesAJsonRoundTrip() {
    for (String key : JourneyTemplates.keys()) {
      JourneyDefinition template = JourneyTemplates.template(key);
      assertThat(JourneyValidation.problems(template, MessageTemplates::problems))
          .as(key)
          .isEmpty();
      assertThat(JourneyJson.parse(JourneyJson.write(template))).as(key).isEqualTo(template);
    }
  }

  @Test
  void abandonedCartFlattensIntoAProgramWhosePathsRejoinTheFlow() {
    JourneyProgram program = JourneyProgram.of(JourneyTemplates.template("abandoned-cart"));

    assertThat(program.start()).isEqualTo("wait-for-order");
    JourneyProgram.Node wait = program.node("wait-for-order");
    assertThat(wait.paths()).containsExactly("ordered", "cart-email");
    assertThat(program.node("ordered").next()).isNull();
    assertThat(program.node("cart-email").next()).isEqualTo("wait-a-day");
    assertThat(program.node("sms-opted-in").paths()).containsExactly("cart-sms", "cart-recovered");
    assertThat(program.node("cart-sms").next()).isEqualTo("cart-recovered");
    assertThat(program.node("cart-recovered").next()).isNull();
    assertThat(program.goalWindow()).contains(Duration.ofDays(3));
  }

  @Test
  void aLoopBodyReturnsToTheLoop() {
    JourneyDefinition definition =
        JourneyJson.parse(
            """
            {"name": "Nudges", "trigger": {"type": "manual"},
             "steps": [
               {"type": "loop", "id": "nudge", "times": 3, "steps": [
                 {"type": "wait", "id": "pause", "duration": "P1D"},
                 {"type": "send", "id": "note", "channel": "push",
                  "template": {"subject": "Hi", "text": "Still there?"}}]},
               {"type": "exit", "id": "done"}]}\
            """);

    JourneyProgram program = JourneyProgram.of(definition);

    assertThat(JourneyValidation.problems(definition, MessageCheck.NONE)).isEmpty();
    assertThat(program.node("nudge").paths()).containsExactly("pause");
    assertThat(program.node("note").next()).isEqualTo("nudge");
    assertThat(program.node("nudge").next()).isEqualTo("done");
  }

  @Test
  void validationNamesEachProblemWithItsStep() {
    JourneyDefinition broken =
        JourneyJson.parse(
            """
            {"name": " ", "trigger": {"type": "segment_entered", "segment": ""},
             "reEntry": {"policy": "after"},
             "steps": [
               {"type": "wait", "id": "w", "duration": "PT0S"},
               {"type": "wait", "id": "w", "duration": "PT1H", "untilLocalTime": "09:00"},
               {"type": "split", "id": "ab", "paths": [
                  {"name": "a", "percent": 60, "steps": []},
                  {"name": "b", "percent": 30, "holdout": true, "steps": []}]},
               {"type": "loop", "id": "burst", "times": 500, "steps": [
                  {"type": "send", "id": "spam", "channel": "sms", "template": {"text": "x"}}]},
               {"type": "webhook", "id": "hook", "url": "ftp://example.com"},
               {"type": "goal", "id": "g", "within": "P1D"},
               {"type": "send", "id": "Bad Id", "channel": "email"}]}\
            """);

    List<String> problems =
        JourneyValidation.problems(broken, MessageCheck.NONE).stream()
            .map(JourneyProblem::toString)
            .toList();

    assertThat(problems)
        .contains(
            "name is required",
            "trigger.segment is required",
            "reEntry.after must be a positive duration when the policy is after",
            "step w: duration must be positive and at most 366 days",
            "step w: id is used by another step",
            "step w: set exactly one of duration, untilLocalTime and untilDate",
            "step ab: percentages must add up to 100 (they add up to 90)",
            "step ab: a holdout group needs the journey's goal to compare conversions",
            "step burst: times must be between 1 and 100",
            "step burst: a loop needs a wait inside, or it would send in a burst",
            "step hook: url must be an absolute http or https URL",
            "step g: a goal step needs the journey's goal (event and revenue property)",
            "step Bad Id: id must be 1-64 lower-case letters, digits, - or _",
            "step Bad Id: template is required");
  }

  @Test
  void templateProblemsFromTheMessageCheckAreShownOnTheSendStep() {
    JourneyDefinition welcome = JourneyTemplates.template("welcome-series");
    MessageCheck refusesEmail =
        (channel, template) ->
            channel == Channel.EMAIL ? List.of("html: unknown tag 'fi'") : List.of();

    assertThat(JourneyValidation.problems(welcome, refusesEmail))
        .extracting(JourneyProblem::toString)
        .containsExactly(
            "step welcome-email: html: unknown tag 'fi'",
            "step tips-email: html: unknown tag 'fi'");
  }

  @Test
  void malformedJsonIsRefusedNamingWhere() {
    assertThatThrownBy(
            () ->
                JourneyJson.parse(
                    """
                    {"name": "x", "trigger": {"type": "event", "event": "a"},
                     "steps": [{"type": "teleport", "id": "t"}]}\
                    """))
        .isInstanceOf(InvalidJourneyException.class)
        .hasMessageContaining("teleport")
        .hasMessageContaining("steps");
  }

  @Test
  void waitsForEventsCountOnlyTheSameCartAndExitsHappenOnTheSameCart() {
    JourneyDefinition cart = JourneyTemplates.template("abandoned-cart");
    JourneyEvent trigger = event(1, "cart_updated", Map.of("cart_id", "c-1"));
    JourneyEvent otherCart = event(2, "order_placed", Map.of("cart_id", "c-2"));
    JourneyEvent sameCart = event(3, "order_placed", Map.of("cart_id", "c-1"));
    JourneyEvent noCart = event(4, "order_placed", Map.of());
    var wait = (JourneyStep.WaitForEvent) JourneyProgram.of(cart).node("wait-for-order").step();
    var exit = cart.exitWhen().getFirst();

    assertThat(cart.trigger().startedBy(trigger, 1)).isTrue();
    assertThat(cart.trigger().startedBy(event(5, "cart_updated", Map.of()), 1)).isFalse();
    assertThat(wait.isAnsweredBy(otherCart, trigger)).isFalse();
    assertThat(wait.isAnsweredBy(noCart, trigger)).isFalse();
    assertThat(wait.isAnsweredBy(sameCart, trigger)).isTrue();
    assertThat(exit.endedBy(otherCart, trigger)).isFalse();
    assertThat(exit.endedBy(sameCart, trigger)).isTrue();
  }

  @Test
  void segmentTriggersAndExitsReadSegmentKeysHoweverTheyAreWritten() {
    JourneyDefinition winBack = JourneyTemplates.template("win-back");
    JourneyEvent entered = event(1, "segment_entered", Map.of("segment", "At-Risk"));
    JourneyEvent left = event(2, "segment_left", Map.of("segment", "at_risk"));
    JourneyEvent other = event(3, "segment_entered", Map.of("segment", "high value"));

    assertThat(winBack.trigger().startedBy(entered, 1)).isTrue();
    assertThat(winBack.trigger().startedBy(other, 1)).isFalse();
    assertThat(winBack.exitWhen().getFirst().endedBy(left, entered)).isTrue();
  }

  @Test
  void propertyConditionsCompareNumbersAsNumbers() {
    JourneyEvent event = event(1, "cart_updated", Map.of("cart_value", "120.50", "tier", "Gold"));

    assertThat(new PropertyCondition("cart_value", PropertyCondition.Op.GT, "99").holdsFor(event))
        .isTrue();
    assertThat(new PropertyCondition("cart_value", PropertyCondition.Op.LT, "100").holdsFor(event))
        .isFalse();
    assertThat(new PropertyCondition("tier", PropertyCondition.Op.EQ, "gold").holdsFor(event))
        .isTrue();
    assertThat(new PropertyCondition("coupon", PropertyCondition.Op.EXISTS, null).holdsFor(event))
        .isFalse();
  }

  private static JourneyEvent event(long id, String type, Map<String, String> properties) {
    return new JourneyEvent(id, "e-" + id, type, Instant.parse("2026-11-20T10:00:00Z"), properties);
  }
}
