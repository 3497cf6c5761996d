package com.oxidly.ui.views.journeys;

import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyProblem;
import com.oxidly.domain.journey.JourneyStats;
import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.domain.journey.JourneySteps;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The journey drawn top to bottom: the trigger card, then the steps with a "+" between any two;
 * steps that hold steps draw their paths as columns side by side inside a frame (a dashed one for
 * loops, which repeat what they enclose). Plain Divs with inline styles: no stylesheet, so no
 * frontend build. It changes nothing itself and fires events the builder acts on.
 */
final class JourneyCanvas extends Div {

  private static final Pattern DOM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The id the trigger card is known by in {@link Selected}. */
  static final String TRIGGER = "";

  final Map<String, StepCard> cards = new LinkedHashMap<>();
  final Map<String, ContextMenu> addMenus = new LinkedHashMap<>();
  StepCard triggerCard;

  private boolean editable;

  JourneyCanvas() {
    getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("align-items", "center")
        .set("padding", "1em")
        .set("min-width", "fit-content");
  }

  /** The key of the "+" before position {@code index} of a list (see {@link JourneySteps}). */
  static String slot(String owner, int path, int index) {
    return (owner == null ? "" : owner) + "|" + path + "|" + index;
  }

  void draw(
      JourneyDefinition journey,
      List<JourneyProblem> problems,
      Map<String, JourneyStats.StepCounts> counts,
      Map<String, List<JourneyStats.PathResult>> splits,
      boolean editable,
      String selected) {
    this.editable = editable;
    removeAll();
    cards.clear();
    addMenus.clear();
    // Journey-level problems belong to the trigger card's journey; they show at the top instead.
    triggerCard = new StepCard(TRIGGER, "Trigger", StepCard.summary(journey.trigger()), List.of());
    triggerCard.withoutButtons();
    triggerCard.setId("journey-trigger");
    triggerCard.getStyle().set("border-top", "4px solid var(--lumo-primary-color, #36f)");
    triggerCard.addClickListener(e -> fireEvent(new Selected(this, TRIGGER)));
    mark(triggerCard, TRIGGER.equals(selected));
    add(triggerCard, column(null, 0, journey.steps(), problems, counts, splits, selected, false));
  }

  private Component column(
      String owner,
      int path,
      List<JourneyStep> steps,
      List<JourneyProblem> problems,
      Map<String, JourneyStats.StepCounts> counts,
      Map<String, List<JourneyStats.PathResult>> splits,
      String selected,
      boolean holdout) {
    Div column = new Div();
    column
        .getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("align-items", "center");
    if (holdout) {
      column.add(line(), note("holdout: only waits for the goal"));
      return column;
    }
    column.add(plus(owner, path, 0));
    for (int i = 0; i < steps.size(); i++) {
      JourneyStep step = steps.get(i);
      column.add(node(step, i, steps.size(), problems, counts, splits, selected));
      column.add(plus(owner, path, i + 1));
    }
    return column;
  }

  private Component node(
      JourneyStep step,
      int index,
      int of,
      List<JourneyProblem> problems,
      Map<String, JourneyStats.StepCounts> counts,
      Map<String, List<JourneyStats.PathResult>> splits,
      String selected) {
    List<String> own =
        problems.stream()
            .filter(p -> p.stepId() != null && p.stepId().equals(step.id()))
            .map(JourneyProblem::message)
            .toList();
    StepCard card = new StepCard(step.id(), StepCard.typeLabel(step), StepCard.summary(step), own);
    card.showCounts(counts.getOrDefault(step.id(), JourneyStats.StepCounts.NONE), step);
    if (splits.containsKey(step.id())) {
      card.showResults(splits.get(step.id()));
    }
    card.addClickListener(e -> fireEvent(new Selected(this, step.id())));
    card.up.setEnabled(index > 0);
    card.down.setEnabled(index < of - 1);
    card.up.addClickListener(e -> fireEvent(new Move(this, step.id(), -1)));
    card.down.addClickListener(e -> fireEvent(new Move(this, step.id(), 1)));
    card.remove.addClickListener(e -> fireEvent(new Remove(this, step.id())));
    if (!editable) {
      card.withoutButtons();
    }
    mark(card, Objects.equals(selected, step.id()));
    if (step.id() != null && cards.putIfAbsent(step.id(), card) == null) {
      domId(step.id()).ifPresent(id -> card.setId("step-" + id));
    }
    List<JourneySteps.Path> paths = JourneySteps.paths(step);
    if (paths.isEmpty()) {
      return card;
    }
    Div frame = new Div(card);
    boolean loop = step instanceof JourneyStep.Loop;
    frame
        .getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("align-items", "center")
        .set("padding", "0.5em")
        .set("border", (loop ? "2px dashed " : "1px solid ") + "var(--lumo-contrast-30pct, #aaa)")
        .set("border-radius", "12px")
        .set("background", loop ? "rgba(80,120,255,.05)" : "rgba(0,0,0,.02)");
    Div lanes = new Div();
    lanes
        .getStyle()
        .set("display", "flex")
        .set("flex-direction", "row")
        .set("align-items", "flex-start")
        .set("gap", "1.5em");
    for (JourneySteps.Path path : paths) {
      Div lane = new Div();
      lane.getStyle()
          .set("display", "flex")
          .set("flex-direction", "column")
          .set("align-items", "center")
          .set("min-width", "10em");
      Span label = new Span(path.label());
      label
          .getStyle()
          .set("font-size", "var(--lumo-font-size-xs)")
          .set("font-weight", "600")
          .set("margin-top", "0.5em")
          .set("padding", "0 0.5em")
          .set("border-radius", "999px")
          .set("background", "var(--lumo-contrast-10pct, #eee)");
      boolean holdout =
          step instanceof JourneyStep.Split split && split.paths().get(path.index()).holdout();
      lane.add(
          label,
          column(
              step.id(), path.index(), path.steps(), problems, counts, splits, selected, holdout));
      lanes.add(lane);
    }
    frame.add(lanes);
    return frame;
  }

  /** A "+" between two cards: a menu of step types to insert there. */
  private Component plus(String owner, int path, int index) {
    Div joint = new Div(line());
    joint
        .getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("align-items", "center");
    if (editable) {
      Button add = new Button(VaadinIcon.PLUS.create());
      add.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
      add.setAriaLabel("Add a step here");
      add.setTooltipText("Add a step here");
      (owner == null ? Optional.of("root") : domId(owner))
          .ifPresent(id -> add.setId("add-step-" + id + "-" + path + "-" + index));
      ContextMenu menu = new ContextMenu(add);
      menu.setOpenOnClick(true);
      for (String type : JourneySteps.TYPES) {
        menu.addItem(
            StepCard.typeLabel(type), e -> fireEvent(new Insert(this, owner, path, index, type)));
      }
      addMenus.put(slot(owner, path, index), menu);
      // Added to the canvas itself (not only to the UI when shown), so it lives and dies with it.
      joint.add(add, menu, line());
    }
    return joint;
  }

  /**
   * A step id usable in an element id (for end-to-end tests); empty for ids a draft may hold before
   * validation marks them.
   */
  static Optional<String> domId(String stepId) {
    return stepId != null && DOM_ID.matcher(stepId).matches()
        ? Optional.of(stepId)
        : Optional.empty();
  }

  private static Div line() {
    Div line = new Div();
    line.getStyle()
        .set("width", "2px")
        .set("height", "0.9em")
        .set("background", "var(--lumo-contrast-40pct, #999)");
    return line;
  }

  private static Span note(String text) {
    Span note = new Span(text);
    note.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("font-style", "italic");
    return note;
  }

  private static void mark(StepCard card, boolean selected) {
    card.getStyle()
        .set("outline", selected ? "2px solid var(--lumo-primary-color, #36f)" : "none")
        .set("outline-offset", "2px");
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** A card was clicked: the step id, or {@link #TRIGGER}. */
  static final class Selected extends ComponentEvent<JourneyCanvas> {
    final String stepId;

    Selected(JourneyCanvas source, String stepId) {
      super(source, true);
      this.stepId = stepId;
    }
  }

  /** Insert a new step of {@code type} at {@code index} of list {@code (owner, path)}. */
  static final class Insert extends ComponentEvent<JourneyCanvas> {
    final String owner;
    final int path;
    final int index;
    final String type;

    Insert(JourneyCanvas source, String owner, int path, int index, String type) {
      super(source, true);
      this.owner = owner;
      this.path = path;
      this.index = index;
      this.type = type;
    }
  }

  static final class Move extends ComponentEvent<JourneyCanvas> {
    final String stepId;
    final int delta;

    Move(JourneyCanvas source, String stepId, int delta) {
      super(source, true);
      this.stepId = stepId;
      this.delta = delta;
    }
  }

  static final class Remove extends ComponentEvent<JourneyCanvas> {
    final String stepId;

    Remove(JourneyCanvas source, String stepId) {
      super(source, true);
      this.stepId = stepId;
    }
  }
}
