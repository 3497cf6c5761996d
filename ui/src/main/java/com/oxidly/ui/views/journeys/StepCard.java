package com.oxidly.ui.views.journeys;

import com.oxidly.domain.journey.JourneyStats;
import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.query.ReadableQuery;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One card of the canvas: the step's type and what it does in a line, its problems (a red edge and
 * one line each), its live counts, and buttons to move it within its list or delete it. The trigger
 * card is the same card without those buttons.
 */
final class StepCard extends Div {

  final String stepId;
  final Span title = new Span();
  final Span summary = new Span();
  final Div problems = new Div();
  final Span counts = new Span();
  final Div results = new Div();
  final Button up = button(VaadinIcon.ARROW_UP, "Move up");
  final Button down = button(VaadinIcon.ARROW_DOWN, "Move down");
  final Button remove = button(VaadinIcon.TRASH, "Delete step");

  StepCard(String stepId, String heading, String line, List<String> problemMessages) {
    this.stepId = stepId;
    title.setText(heading);
    title.getStyle().set("font-weight", "600");
    summary.setText(line);
    summary
        .getStyle()
        .set("font-size", "var(--lumo-font-size-s)")
        .set("color", "var(--lumo-secondary-text-color, #555)")
        .set("overflow-wrap", "anywhere");
    problems
        .getStyle()
        .set("color", "var(--lumo-error-text-color, #c00)")
        .set("font-size", "var(--lumo-font-size-s)");
    problemMessages.forEach(message -> problems.add(new Div("⚠ " + message)));
    problems.setVisible(!problemMessages.isEmpty());
    counts.getStyle().set("font-size", "var(--lumo-font-size-xs)");
    results.getStyle().set("font-size", "var(--lumo-font-size-xs)");
    HorizontalLayout head = new HorizontalLayout(title, up, down, remove);
    head.setSpacing(false);
    head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    head.expand(title);
    head.setWidthFull();
    add(head, summary, problems, counts, results);
    getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("gap", "0.15em")
        .set("box-sizing", "border-box")
        .set("width", "17em")
        .set("padding", "0.5em 0.75em")
        .set("background", "var(--lumo-base-color, #fff)")
        .set("border", "1px solid var(--lumo-contrast-30pct, #bbb)")
        .set("border-left", "4px solid " + (problemMessages.isEmpty() ? "#2a7" : "#d33"))
        .set("border-radius", "8px")
        .set("box-shadow", "0 1px 3px rgba(0,0,0,.12)")
        .set("cursor", "pointer");
  }

  /** Whether the card shows problems. */
  boolean hasProblems() {
    return problems.isVisible();
  }

  List<String> problemTexts() {
    return problems.getChildren().map(c -> c.getElement().getText().substring(2)).toList();
  }

  void showCounts(JourneyStats.StepCounts stats, JourneyStep step) {
    String text = stats.entered() + " entered · " + stats.now() + " here now";
    if (step instanceof JourneyStep.Send) {
      text += " · " + stats.sent() + " sent";
    }
    text += " · " + stats.converted() + " converted";
    counts.setText(text);
  }

  /** A/B/holdout results per split path: runs, conversions (rate) and revenue. */
  void showResults(List<JourneyStats.PathResult> paths) {
    results.removeAll();
    for (var path : paths) {
      results.add(
          new Div(
              path.path()
                  + ": "
                  + path.runs()
                  + " runs, "
                  + path.conversions()
                  + " conversions ("
                  + String.format(Locale.ROOT, "%.1f", 100 * path.rate())
                  + "%), revenue "
                  + path.revenue().setScale(2, RoundingMode.HALF_UP)));
    }
  }

  void withoutButtons() {
    up.setVisible(false);
    down.setVisible(false);
    remove.setVisible(false);
  }

  private static Button button(VaadinIcon icon, String label) {
    Button button = new Button(icon.create());
    button.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
    button.setAriaLabel(label);
    button.setTooltipText(label);
    // The card's own click opens its form; a click on its buttons must not also do that.
    button
        .getElement()
        .addEventListener("click", ignored -> {})
        .addEventData("event.stopPropagation()");
    return button;
  }

  static String typeLabel(JourneyStep step) {
    return switch (step) {
      case JourneyStep.Send send ->
          "Send " + (send.channel() == null ? "message" : send.channel().key().replace('_', '-'));
      case JourneyStep.Wait wait -> "Wait";
      case JourneyStep.WaitForEvent wait -> "Wait for event";
      case JourneyStep.Branch branch -> "Branch";
      case JourneyStep.Split split -> "A/B split";
      case JourneyStep.UpdateProfile update -> "Update profile";
      case JourneyStep.Webhook webhook -> "Webhook";
      case JourneyStep.Goal goal -> "Goal";
      case JourneyStep.Loop loop -> "Loop";
      case JourneyStep.Exit exit -> "Exit";
    };
  }

  static String typeLabel(String type) {
    return switch (type) {
      case "send" -> "Send message";
      case "wait" -> "Wait";
      case "wait_for_event" -> "Wait for event";
      case "branch" -> "Branch";
      case "split" -> "A/B split";
      case "update_profile" -> "Update profile";
      case "webhook" -> "Webhook";
      case "goal" -> "Goal";
      case "loop" -> "Loop";
      case "exit" -> "Exit";
      default -> type;
    };
  }

  /** What the step does, in a line. */
  static String summary(JourneyStep step) {
    return switch (step) {
      case JourneyStep.Send send -> {
        var template = send.template();
        String about =
            template == null
                ? ""
                : template.subject() != null && !template.subject().isBlank()
                    ? template.subject()
                    : template.text() == null ? "" : template.text();
        yield (about.length() > 70 ? about.substring(0, 70) + "…" : about);
      }
      case JourneyStep.Wait wait ->
          wait.duration() != null
              ? "for " + Durations.format(wait.duration())
              : wait.untilLocalTime() != null
                  ? "until " + wait.untilLocalTime() + " (customer's time)"
                  : wait.untilDate() != null ? "until " + wait.untilDate() : "";
      case JourneyStep.WaitForEvent wait ->
          "for " + blank(wait.event()) + " up to " + Durations.format(wait.timeout());
      case JourneyStep.Branch branch ->
          branch.condition() == null
              ? "no condition"
              : "if " + ReadableQuery.render(branch.condition());
      case JourneyStep.Split split ->
          split.paths().stream()
              .map(
                  p ->
                      p.name()
                          + " "
                          + p.percent()
                          + "%"
                          + (p.holdout()
                                  && !String.valueOf(p.name())
                                      .toLowerCase(Locale.ROOT)
                                      .contains("holdout")
                              ? " (holdout)"
                              : ""))
              .collect(Collectors.joining(" / "));
      case JourneyStep.UpdateProfile update -> {
        String tags =
            (update.addTags().isEmpty() ? "" : "+" + String.join(" +", update.addTags()) + " ")
                + (update.removeTags().isEmpty()
                    ? ""
                    : "-" + String.join(" -", update.removeTags()) + " ");
        yield tags + String.join(", ", update.attributes().keySet());
      }
      case JourneyStep.Webhook webhook -> blank(webhook.url());
      case JourneyStep.Goal goal -> "within " + Durations.format(goal.within());
      case JourneyStep.Loop loop -> loop.times() + " passes";
      case JourneyStep.Exit exit -> "leaves the journey";
    };
  }

  /** The trigger, in a line. */
  static String summary(JourneyTrigger trigger) {
    return switch (trigger) {
      case null -> "no trigger";
      case JourneyTrigger.OnEvent onEvent ->
          "event "
              + blank(onEvent.event())
              + onEvent.where().stream()
                  .map(
                      c ->
                          c.property()
                              + " "
                              + (c.op() == null ? "?" : c.op().name().toLowerCase(Locale.ROOT))
                              + (c.value() == null ? "" : " " + c.value()))
                  .map(text -> " where " + text)
                  .collect(Collectors.joining(","));
      case JourneyTrigger.OnSegmentEntered entered ->
          "entering segment " + blank(entered.segment());
      case JourneyTrigger.OnDate date ->
          date.attribute() == null ? "a date" : date.attribute().key().replace('_', ' ');
      case JourneyTrigger.Manual manual -> "manual or API enrolment";
    };
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }
}
