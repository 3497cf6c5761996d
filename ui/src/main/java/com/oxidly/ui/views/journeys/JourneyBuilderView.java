package com.oxidly.ui.views.journeys;

import com.oxidly.domain.delivery.MessagePreviews;
import com.oxidly.domain.journey.InvalidJourneyException;
import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyNotFoundException;
import com.oxidly.domain.journey.JourneyProblem;
import com.oxidly.domain.journey.JourneyStats;
import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.domain.journey.JourneySteps;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.journey.JourneyValidation;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.domain.messaging.MessageTemplates;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.security.Role;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The visual journey builder: the draft drawn as cards from the trigger down, a "+" between any two
 * cards, a side panel with the clicked card's form. Every change is validated at once and the
 * problems are shown on their cards (journey-level ones at the top); saving, publishing and pausing
 * go to {@link Journeys}. Counts on the cards come from the run index ({@link JourneyStats}).
 */
@Route(value = "journeys/:id", layout = MainLayout.class)
@PageTitle("Journey builder | Oxidly")
@RolesAllowed({"ADMIN", "MARKETER", "ANALYST"})
public class JourneyBuilderView extends VerticalLayout
    implements BeforeEnterObserver, BeforeLeaveObserver {

  /** How often the counts on the cards refresh while the builder is open. */
  static final int COUNTS_REFRESH_MILLIS = 30_000;

  final TextField name = new TextField("Journey");
  final Button save = new Button("Save draft", VaadinIcon.CHECK.create());
  final Button publish = new Button("Publish", VaadinIcon.ROCKET.create());
  final Button pause = new Button("Pause entries", VaadinIcon.PAUSE.create());
  final Button refresh = new Button("Refresh counts", VaadinIcon.REFRESH.create());
  final Span status = new Span();
  final Span message = new Span();
  final Div journeyProblems = new Div();
  final JourneyCanvas canvas = new JourneyCanvas();
  final Div panel = new Div();

  /** The form open in the side panel, if any (one of the two). */
  StepForm stepForm;

  TriggerForm triggerForm;

  JourneyDefinition draft;
  List<JourneyProblem> problems = List.of();

  private final Journeys journeys;
  private final JourneyStats stats;
  private final Segments segments;
  private final AuthenticationContext authentication;
  private final StepForm.Services services;
  private long journeyId;
  private Journeys.JourneySummary summary;
  private Map<String, JourneyStats.StepCounts> counts = Map.of();
  private Map<String, List<JourneyStats.PathResult>> splits = Map.of();
  private boolean unsaved;
  private Registration polling;
  ConfirmDialog leaveDialog;

  public JourneyBuilderView(
      Journeys journeys,
      JourneyStats stats,
      Segments segments,
      NaturalLanguageSearch language,
      PostgresCustomerQueries queries,
      MessagePreviews previews,
      AuthenticationContext authentication) {
    this.journeys = journeys;
    this.stats = stats;
    this.segments = segments;
    this.authentication = authentication;
    this.services = new StepForm.Services(language, queries, previews, Map.of());
    setSizeFull();
    name.setId("journey-name");
    save.setId("journey-save");
    publish.setId("journey-publish");
    pause.setId("journey-pause");
    status.setId("journey-status");
    message.setId("journey-message");
    journeyProblems.setId("journey-problems");
    canvas.setId("journey-canvas");
    panel.setId("journey-panel");

    name.setWidth("20em");
    name.addValueChangeListener(
        e -> {
          if (e.isFromClient() && draft != null) {
            change(
                new JourneyDefinition(
                    e.getValue(),
                    draft.description(),
                    draft.trigger(),
                    draft.reEntry(),
                    draft.exitWhen(),
                    draft.goal(),
                    draft.steps()));
          }
        });
    save.addClickListener(e -> save());
    publish.addThemeVariants(ButtonVariant.PRIMARY);
    publish.addClickListener(e -> publish());
    pause.addClickListener(e -> togglePause());
    refresh.addThemeVariants(ButtonVariant.TERTIARY);
    refresh.addClickListener(e -> loadStats());
    journeyProblems
        .getStyle()
        .set("color", "var(--lumo-error-text-color, #c00)")
        .set("font-size", "var(--lumo-font-size-s)");

    canvas.addListener(JourneyCanvas.Selected.class, e -> open(e.stepId));
    canvas.addListener(JourneyCanvas.Insert.class, e -> insert(e.owner, e.path, e.index, e.type));
    canvas.addListener(
        JourneyCanvas.Move.class, e -> change(JourneySteps.move(draft, e.stepId, e.delta)));
    canvas.addListener(JourneyCanvas.Remove.class, e -> remove(e.stepId));

    HorizontalLayout bar = new HorizontalLayout(name, status);
    if (canEdit()) {
      bar.add(save, publish, pause);
    }
    bar.add(refresh, new RouterLink("All journeys", JourneysView.class));
    bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    bar.setWidthFull();
    bar.getStyle().set("flex-wrap", "wrap");

    Scroller scroller = new Scroller(canvas);
    scroller.setScrollDirection(Scroller.ScrollDirection.BOTH);
    scroller.setSizeFull();
    scroller.getStyle().set("background", "var(--lumo-contrast-5pct, #f6f6f6)");
    panel.setWidth("30em");
    panel.setHeightFull();
    panel
        .getStyle()
        .set("overflow", "auto")
        .set("flex-shrink", "0")
        .set("padding", "0 0.75em")
        .set("border-left", "1px solid var(--lumo-contrast-20pct, #ddd)");
    panel.setVisible(false);
    HorizontalLayout body = new HorizontalLayout(scroller, panel);
    body.setSizeFull();
    body.setSpacing(false);
    body.expand(scroller);

    add(bar, message, journeyProblems, body);
    expand(body);
    name.setReadOnly(!canEdit());
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    UI ui = attachEvent.getUI();
    ui.setPollInterval(COUNTS_REFRESH_MILLIS);
    polling = ui.addPollListener(e -> loadStats());
  }

  @Override
  protected void onDetach(DetachEvent detachEvent) {
    detachEvent.getUI().setPollInterval(-1);
    if (polling != null) {
      polling.remove();
      polling = null;
    }
  }

  /** Leaving with unsaved changes asks first: the draft lives only in this view until saved. */
  @Override
  public void beforeLeave(BeforeLeaveEvent event) {
    if (!unsaved) {
      return;
    }
    BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
    if (leaveDialog != null) {
      remove(leaveDialog);
    }
    leaveDialog =
        new ConfirmDialog(
            "Unsaved changes",
            "This journey has changes that are not saved. Leave without saving them?",
            "Leave",
            e -> leave.proceed(),
            "Stay",
            e -> leave.cancel());
    leaveDialog.setConfirmButtonTheme("error primary");
    add(leaveDialog);
    leaveDialog.open();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Optional<Long> id = event.getRouteParameters().get("id").flatMap(JourneyBuilderView::number);
    Optional<Journeys.JourneySummary> found = id.flatMap(journeys::summary);
    if (found.isEmpty()) {
      message.setText(
          "There is no journey " + event.getRouteParameters().get("id").orElse("") + ".");
      setEnabled(false);
      return;
    }
    journeyId = id.get();
    summary = found.get();
    draft = journeys.draft(journeyId);
    name.setValue(draft.name() == null ? "" : draft.name());
    loadStats();
    showStatus();
  }

  long journeyId() {
    return journeyId;
  }

  private boolean canEdit() {
    return authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name());
  }

  private String user() {
    return authentication.getPrincipalName().orElse("unknown");
  }

  /** Takes {@code next} as the draft: validates it, redraws and keeps the open form current. */
  void change(JourneyDefinition next) {
    draft = next;
    unsaved = true;
    message.setText("");
    redraw();
    showStatus();
  }

  private void redraw() {
    problems = JourneyValidation.problems(draft, MessageTemplates::problems);
    List<JourneyProblem> ofJourney = problems.stream().filter(p -> p.stepId() == null).toList();
    journeyProblems.removeAll();
    ofJourney.forEach(p -> journeyProblems.add(new Div("⚠ " + p.message())));
    journeyProblems.setVisible(!ofJourney.isEmpty());
    String selected =
        stepForm != null ? stepForm.stepId() : triggerForm != null ? JourneyCanvas.TRIGGER : null;
    canvas.draw(draft, problems, counts, splits, canEdit(), selected);
    if (stepForm != null) {
      Optional<JourneyStep> step = JourneySteps.find(draft, stepForm.stepId());
      if (step.isEmpty()) {
        closePanel();
      } else {
        stepForm.rebase(step.get());
        stepForm.showProblems(messagesOf(stepForm.stepId()));
      }
    }
    if (triggerForm != null) {
      triggerForm.showProblems(ofJourney.stream().map(JourneyProblem::message).toList());
    }
  }

  private List<String> messagesOf(String stepId) {
    return problems.stream()
        .filter(p -> stepId.equals(p.stepId()))
        .map(JourneyProblem::message)
        .toList();
  }

  private void insert(String owner, int path, int index, String type) {
    JourneyStep step = JourneySteps.blank(type, draft);
    change(JourneySteps.insert(draft, owner, path, index, step));
    open(step.id());
  }

  private void remove(String stepId) {
    change(JourneySteps.remove(draft, stepId));
  }

  /** Opens the side panel on a step, or on the trigger for {@link JourneyCanvas#TRIGGER}. */
  void open(String stepId) {
    panel.removeAll();
    stepForm = null;
    triggerForm = null;
    if (JourneyCanvas.TRIGGER.equals(stepId)) {
      triggerForm = new TriggerForm(draft, segments.all().stream().map(Segment::name).toList());
      triggerForm.addListener(
          TriggerForm.Changed.class,
          e ->
              change(
                  new JourneyDefinition(
                      draft.name(),
                      draft.description(),
                      e.trigger,
                      e.reEntry,
                      draft.exitWhen(),
                      e.goal,
                      draft.steps())));
      triggerForm.addListener(TriggerForm.Close.class, e -> closePanel());
      triggerForm.setEnabled(canEdit());
      panel.add(triggerForm);
    } else {
      Optional<JourneyStep> step = JourneySteps.find(draft, stepId);
      if (step.isEmpty()) {
        closePanel();
        return;
      }
      stepForm =
          new StepForm(
              step.get(),
              new StepForm.Services(
                  services.language(),
                  services.queries(),
                  services.previews(),
                  triggerVariables(draft.trigger())));
      stepForm.addListener(StepForm.Changed.class, this::stepChanged);
      stepForm.addListener(StepForm.Delete.class, e -> remove(e.stepId));
      stepForm.addListener(StepForm.Close.class, e -> closePanel());
      // Analysts may look at a step's settings but not change them.
      stepForm.setEnabled(canEdit());
      panel.add(stepForm);
    }
    panel.setVisible(true);
    redraw();
  }

  private void stepChanged(StepForm.Changed e) {
    boolean renamed = !Objects.equals(e.previousId, e.step.id());
    // Two steps with one id would be one step to the form and to statistics: refuse the rename.
    if (renamed && e.step.id() != null && JourneySteps.find(draft, e.step.id()).isPresent()) {
      e.getSource().refuseId(e.previousId, "another step has the id '" + e.step.id() + "'");
      return;
    }
    change(JourneySteps.replace(draft, e.previousId, e.step));
  }

  void closePanel() {
    panel.removeAll();
    panel.setVisible(false);
    boolean wasOpen = stepForm != null || triggerForm != null;
    stepForm = null;
    triggerForm = null;
    if (wasOpen) {
      redraw();
    }
  }

  /** The trigger's properties a template may use, with sample values for previews. */
  private static Map<String, String> triggerVariables(JourneyTrigger trigger) {
    Map<String, String> variables = new LinkedHashMap<>();
    switch (trigger) {
      case JourneyTrigger.OnEvent onEvent ->
          onEvent.where().forEach(c -> variables.put(c.property(), "sample-" + c.property()));
      case JourneyTrigger.OnSegmentEntered entered -> variables.put("segment", entered.segment());
      case JourneyTrigger.OnDate date -> variables.put("attribute", "sample");
      case null, default -> {}
    }
    variables.keySet().removeIf(key -> key == null || key.isBlank());
    variables.replaceAll((key, value) -> value == null ? "" : value);
    return variables;
  }

  void save() {
    try {
      journeys.saveDraft(journeyId, draft, user());
      unsaved = false;
      summary = journeys.summary(journeyId).orElse(summary);
      message.setText("Draft saved.");
    } catch (InvalidJourneyException e) {
      message.setText("Cannot save: " + describe(e.problems()));
    } catch (JourneyNotFoundException e) {
      message.setText("This journey no longer exists.");
    }
    showStatus();
  }

  void publish() {
    save();
    if (unsaved) {
      return;
    }
    try {
      int version = journeys.publish(journeyId, user());
      summary = journeys.summary(journeyId).orElse(summary);
      message.setText("Published version " + version + ": new customers enter it from now on.");
    } catch (InvalidJourneyException e) {
      message.setText(
          "Cannot publish: "
              + e.problems().size()
              + (e.problems().size() == 1 ? " problem" : " problems")
              + " to fix first (marked on the cards): "
              + describe(e.problems()));
    } catch (JourneyNotFoundException e) {
      message.setText("This journey no longer exists.");
    }
    showStatus();
  }

  void togglePause() {
    boolean accepting = !"active".equals(summary.status());
    try {
      journeys.setAcceptingEntries(journeyId, accepting);
      summary = journeys.summary(journeyId).orElse(summary);
      message.setText(
          accepting
              ? "Resumed: new customers enter again."
              : "Paused: no new entries; customers already in go on.");
    } catch (JourneyNotFoundException e) {
      message.setText("Publish the journey before pausing or resuming it.");
    }
    showStatus();
  }

  void loadStats() {
    if (draft == null) {
      return;
    }
    counts = stats.steps(journeyId);
    Map<String, List<JourneyStats.PathResult>> results = new HashMap<>();
    collectSplits(draft.steps(), results);
    splits = results;
    redraw();
  }

  private void collectSplits(
      List<JourneyStep> steps, Map<String, List<JourneyStats.PathResult>> results) {
    for (JourneyStep step : steps) {
      if (step instanceof JourneyStep.Split split && split.id() != null) {
        results.put(split.id(), stats.split(journeyId, split));
      }
      JourneySteps.paths(step).forEach(path -> collectSplits(path.steps(), results));
    }
  }

  private void showStatus() {
    if (summary == null) {
      return;
    }
    String version =
        summary.publishedVersion() == null
            ? "never published"
            : "version " + summary.publishedVersion() + " published";
    status.setText(summary.status() + " · " + version + (unsaved ? " · unsaved changes" : ""));
    pause.setEnabled(summary.publishedVersion() != null);
    boolean active = "active".equals(summary.status()) || summary.publishedVersion() == null;
    pause.setText(active ? "Pause entries" : "Resume entries");
    pause.setIcon(active ? VaadinIcon.PAUSE.create() : VaadinIcon.PLAY.create());
  }

  private static String describe(List<JourneyProblem> problems) {
    return problems.stream().map(JourneyProblem::toString).collect(Collectors.joining("; "));
  }

  private static Optional<Long> number(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }
}
