package com.oxidly.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder's edits of the step tree, on the shipped templates. */
class JourneyStepsTest {

  private final JourneyDefinition welcome = JourneyTemplates.template("welcome-series");

  @Test
  void insertsBetweenTwoStepsOfTheJourneyWithAFreshId() {
    JourneyStep webhook = JourneySteps.blank("webhook", welcome);
    JourneyDefinition edited = JourneySteps.insert(welcome, null, 0, 1, webhook);

    assertThat(edited.steps())
        .extracting(JourneyStep::id)
        .containsExactly("welcome-email", "webhook-1", "wait-two-days", "ordered-yet");
    assertThat(JourneySteps.blank("webhook", edited).id()).isEqualTo("webhook-2");
  }

  @Test
  void insertsIntoAPathOfABranchAndKeepsEverythingElse() {
    JourneyDefinition edited =
        JourneySteps.insert(welcome, "ordered-yet", 0, 0, JourneySteps.blank("exit", welcome));

    JourneyStep.Branch branch = (JourneyStep.Branch) JourneySteps.find(edited, "ordered-yet").get();
    assertThat(branch.then()).extracting(JourneyStep::id).containsExactly("exit-1");
    assertThat(branch.otherwise())
        .extracting(JourneyStep::id)
        .containsExactly("tips-email", "wait-five-days", "first-order");
    assertThat(edited.trigger()).isEqualTo(welcome.trigger());
    assertThat(edited.goal()).isEqualTo(welcome.goal());
    assertThatThrownBy(() -> JourneySteps.insert(welcome, "welcome-email", 0, 0, branch))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void movesWithinItsListOnlyAndRemovesWithWhatItHolds() {
    JourneyDefinition moved = JourneySteps.move(welcome, "wait-five-days", -1);
    JourneyStep.Branch branch = (JourneyStep.Branch) JourneySteps.find(moved, "ordered-yet").get();
    assertThat(branch.otherwise())
        .extracting(JourneyStep::id)
        .containsExactly("wait-five-days", "tips-email", "first-order");
    assertThat(JourneySteps.move(welcome, "welcome-email", -1)).isEqualTo(welcome);

    JourneyDefinition removed = JourneySteps.remove(welcome, "ordered-yet");
    assertThat(JourneySteps.ids(removed))
        .containsExactlyInAnyOrder("welcome-email", "wait-two-days");
  }

  @Test
  void replacesAStepWhereverItIs() {
    JourneyDefinition edited =
        JourneySteps.replace(welcome, "first-order", new JourneyStep.Goal("first-order", null));

    assertThat(JourneyValidation.problems(edited, MessageCheck.NONE))
        .containsExactly(
            new JourneyProblem("first-order", "within must be positive and at most 366 days"));
    assertThat(JourneySteps.paths(JourneySteps.find(edited, "ordered-yet").get()))
        .extracting(JourneySteps.Path::label)
        .containsExactly("yes", "no");
  }

  @Test
  void everyBlankStepHasAnIdTheValidationAccepts() {
    for (String type : JourneySteps.TYPES) {
      JourneyStep step = JourneySteps.blank(type, welcome);
      assertThat(step.typeName()).isEqualTo(type);
      JourneyDefinition edited = JourneySteps.insert(welcome, null, 0, 0, step);
      assertThat(JourneyValidation.problems(edited, MessageCheck.NONE))
          .noneMatch(p -> p.message().startsWith("id "));
    }
    assertThat(JourneySteps.paths(JourneySteps.blank("split", welcome)))
        .extracting(JourneySteps.Path::label)
        .containsExactly("A 50%", "B 50%");
    assertThat(List.copyOf(JourneySteps.TYPES)).hasSize(10);
  }
}
