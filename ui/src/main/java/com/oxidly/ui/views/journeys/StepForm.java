package com.oxidly.ui.views.journeys;

import com.oxidly.domain.delivery.MessagePreviews;
import com.oxidly.domain.journey.JourneyStep;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.ui.views.customers.AudiencePicker;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The side panel's form for one step, one set of fields per step type. Every change that makes a
 * well-formed step fires {@link Changed} (the builder replaces the step and validates the journey
 * at once); a value that cannot even be read (a duration like "soon") marks its field and fires
 * nothing. Steps inside the step (paths, loop body) are kept as they are: the canvas edits those.
 */
final class StepForm extends VerticalLayout {

  /** The services the form's parts call for the marketer: reading conditions, previews. */
  record Services(
      NaturalLanguageSearch language,
      PostgresCustomerQueries queries,
      MessagePreviews previews,
      Map<String, String> triggerVariables) {}

  private static final String FOR_DURATION = "For a duration";
  private static final String UNTIL_TIME = "Until a time of day";
  private static final String UNTIL_DATE = "Until a date (UTC)";

  final H3 title = new H3();
  final TextField id = new TextField("Step id");
  final Div problems = new Div();
  final Button delete = new Button("Delete step", VaadinIcon.TRASH.create());
  final Button close = new Button("Close", VaadinIcon.CLOSE.create());

  /** The type's fields by name, for the builder's tests and for marking invalid values. */
  final Map<String, Component> fields = new LinkedHashMap<>();

  TemplateEditor template;
  AudiencePicker audience;
  final List<SplitRow> splitRows = new ArrayList<>();

  private final VerticalLayout splitPaths = new VerticalLayout();
  private final List<HasValue<?, ?>> watched = new ArrayList<>();
  private final Supplier<JourneyStep> build;
  private JourneyStep base;
  private String currentId;

  StepForm(JourneyStep step, Services services) {
    this.base = step;
    this.currentId = step.id();
    setPadding(false);
    id.setId("step-id");
    delete.setId("step-delete");
    close.setId("step-close");
    title.setText(StepCard.typeLabel(step));
    id.setValue(step.id() == null ? "" : step.id());
    id.setHelperText("Names the step in statistics; keep it when the step moves");
    id.setWidthFull();
    problems.getStyle().set("color", "var(--lumo-error-text-color, #c00)");
    delete.addThemeVariants(ButtonVariant.ERROR);
    delete.addClickListener(e -> fireEvent(new Delete(this, currentId)));
    close.addClickListener(e -> fireEvent(new Close(this)));
    add(new HorizontalLayout(title), problems, id);
    watch(id);
    build = fieldsFor(step, services);
    add(new HorizontalLayout(delete, close));
    watched.forEach(field -> field.addValueChangeListener(e -> changed()));
  }

  /** The id of the step this form edits now (it changes when the marketer renames it). */
  String stepId() {
    return currentId;
  }

  /** The step's own problems, from the journey's validation. */
  void showProblems(List<String> messages) {
    problems.removeAll();
    messages.forEach(message -> problems.add(new Div("⚠ " + message)));
    problems.setVisible(!messages.isEmpty());
  }

  /**
   * Refuses a new id (another step has it): the form goes on editing the step under {@code
   * previousId} and marks the id field.
   */
  void refuseId(String previousId, String message) {
    currentId = previousId;
    id.setErrorMessage(message);
    id.setInvalid(true);
  }

  /** The step as the journey holds it now, so edits keep steps added inside it since. */
  void rebase(JourneyStep current) {
    base = current;
  }

  @SuppressWarnings("unchecked")
  <T extends Component> T field(String name) {
    return (T) fields.get(name);
  }

  private Supplier<JourneyStep> fieldsFor(JourneyStep step, Services services) {
    return switch (step) {
      case JourneyStep.Send send -> {
        Select<Channel> channel = select("channel", "Channel", Channel.values(), send.channel());
        channel.setItemLabelGenerator(Channel::key);
        Select<MessageClass> messageClass =
            select("class", "Message class", MessageClass.values(), send.messageClass());
        messageClass.setItemLabelGenerator(c -> c.name().toLowerCase(java.util.Locale.ROOT));
        messageClass.setHelperText("Transactional messages skip marketing consent and caps");
        template =
            new TemplateEditor(
                send.template(),
                channel::getValue,
                messageClass::getValue,
                services.triggerVariables(),
                services.previews());
        List.of(template.subject, (HasValue<?, ?>) template.html, template.text, template.aiBrief)
            .forEach(this::watch);
        add(new HorizontalLayout(channel, messageClass), template);
        yield () -> {
          template.showFor(channel.getValue());
          return new JourneyStep.Send(
              readId(), channel.getValue(), messageClass.getValue(), template.value());
        };
      }
      case JourneyStep.Wait wait -> {
        String mode =
            wait.untilLocalTime() != null
                ? UNTIL_TIME
                : wait.untilDate() != null ? UNTIL_DATE : FOR_DURATION;
        Select<String> how =
            select("mode", "Wait", new String[] {FOR_DURATION, UNTIL_TIME, UNTIL_DATE}, mode);
        TextField duration = durationField("duration", "Duration", wait.duration());
        TimePicker time = new TimePicker("Time of day (customer's time zone)");
        time.setValue(wait.untilLocalTime());
        named("time", time);
        DateTimePicker date = new DateTimePicker("Date and time (UTC)");
        if (wait.untilDate() != null) {
          date.setValue(wait.untilDate().atOffset(ZoneOffset.UTC).toLocalDateTime());
        }
        named("date", date);
        Runnable visibility =
            () -> {
              duration.setVisible(FOR_DURATION.equals(how.getValue()));
              time.setVisible(UNTIL_TIME.equals(how.getValue()));
              date.setVisible(UNTIL_DATE.equals(how.getValue()));
            };
        visibility.run();
        how.addValueChangeListener(e -> visibility.run());
        add(how, duration, time, date);
        yield () ->
            switch (how.getValue()) {
              case UNTIL_TIME -> new JourneyStep.Wait(readId(), null, time.getValue(), null);
              case UNTIL_DATE ->
                  new JourneyStep.Wait(
                      readId(),
                      null,
                      null,
                      date.getValue() == null ? null : date.getValue().toInstant(ZoneOffset.UTC));
              default -> new JourneyStep.Wait(readId(), duration(duration), null, null);
            };
      }
      case JourneyStep.WaitForEvent wait -> {
        TextField event = text("event", "Event", wait.event());
        event.setPlaceholder("order_placed");
        TextField correlate =
            text("correlateOn", "Same as the trigger's (property)", wait.correlateOn());
        correlate.setPlaceholder("cart_id");
        correlate.setHelperText("Only an event about the same thing as the trigger counts");
        TextField timeout = durationField("timeout", "Timeout", wait.timeout());
        add(event, correlate, timeout);
        yield () -> {
          JourneyStep.WaitForEvent current = (JourneyStep.WaitForEvent) base;
          return new JourneyStep.WaitForEvent(
              readId(),
              event.getValue().strip(),
              blankToNull(correlate.getValue()),
              duration(timeout),
              current.onEvent(),
              current.onTimeout());
        };
      }
      case JourneyStep.Branch branch -> {
        audience = new AudiencePicker(branch.condition(), services.language(), services.queries());
        audience.addListener(AudiencePicker.Changed.class, e -> changed());
        add(audience);
        yield () -> {
          JourneyStep.Branch current = (JourneyStep.Branch) base;
          return new JourneyStep.Branch(
              readId(), audience.value(), current.then(), current.otherwise());
        };
      }
      case JourneyStep.Split split -> {
        splitPaths.setPadding(false);
        split.paths().forEach(this::addSplitRow);
        Button addPath = new Button("Add path", VaadinIcon.PLUS.create());
        addPath.addClickListener(
            e -> {
              addSplitRow(
                  new JourneyStep.SplitPath(
                      String.valueOf((char) ('A' + splitRows.size())), 0, false, List.of()));
              changed();
            });
        named("addPath", addPath);
        add(splitPaths, addPath);
        yield () -> {
          JourneyStep.Split current = (JourneyStep.Split) base;
          List<JourneyStep.SplitPath> paths = new ArrayList<>();
          for (int i = 0; i < splitRows.size(); i++) {
            SplitRow row = splitRows.get(i);
            List<JourneyStep> steps =
                row.index >= 0 && row.index < current.paths().size()
                    ? current.paths().get(row.index).steps()
                    : List.of();
            Integer percent = row.percent.getValue();
            if (percent == null) {
              throw new FieldProblem(row.percent, "enter a percentage");
            }
            paths.add(
                new JourneyStep.SplitPath(
                    row.name.getValue().strip(), percent, row.holdout.getValue(), steps));
          }
          return new JourneyStep.Split(readId(), paths);
        };
      }
      case JourneyStep.UpdateProfile update -> {
        TextField addTags =
            text("addTags", "Add tags (comma-separated)", String.join(", ", update.addTags()));
        TextField removeTags =
            text(
                "removeTags",
                "Remove tags (comma-separated)",
                String.join(", ", update.removeTags()));
        TextArea attributes =
            area("attributes", "Set attributes (name=value per line)", lines(update.attributes()));
        add(addTags, removeTags, attributes);
        yield () ->
            new JourneyStep.UpdateProfile(
                readId(), list(addTags.getValue()), list(removeTags.getValue()), pairs(attributes));
      }
      case JourneyStep.Webhook webhook -> {
        TextField url = text("url", "URL", webhook.url());
        url.setPlaceholder("https://example.com/hooks/journey");
        TextArea headers =
            area("headers", "Headers (name=value per line)", lines(webhook.headers()));
        add(url, headers);
        yield () -> new JourneyStep.Webhook(readId(), url.getValue().strip(), pairs(headers));
      }
      case JourneyStep.Goal goal -> {
        TextField within = durationField("within", "Count a conversion within", goal.within());
        add(within);
        yield () -> new JourneyStep.Goal(readId(), duration(within));
      }
      case JourneyStep.Loop loop -> {
        IntegerField times = new IntegerField("Passes in all");
        times.setValue(loop.times());
        times.setMin(1);
        times.setMax(100);
        times.setStepButtonsVisible(true);
        named("times", times);
        add(times);
        yield () -> {
          if (times.getValue() == null) {
            throw new FieldProblem(times, "enter how many passes, 1 to 100");
          }
          return new JourneyStep.Loop(
              readId(), times.getValue(), ((JourneyStep.Loop) base).steps());
        };
      }
      case JourneyStep.Exit exit -> () -> new JourneyStep.Exit(readId());
    };
  }

  /** One path of a split: name, percentage, holdout, remove. */
  final class SplitRow extends HorizontalLayout {
    /** The path's index in the step as the form found it; -1 for a path added here. */
    final int index;

    final TextField name = new TextField("Path");
    final IntegerField percent = new IntegerField("%");
    final Checkbox holdout = new Checkbox("Holdout");
    final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());

    SplitRow(int index, JourneyStep.SplitPath path) {
      this.index = index;
      name.setValue(path.name() == null ? "" : path.name());
      name.setWidth("8em");
      percent.setValue(path.percent());
      percent.setWidth("6em");
      holdout.setValue(path.holdout());
      remove.setAriaLabel("Remove path " + path.name());
      remove.addThemeVariants(ButtonVariant.TERTIARY);
      setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
      add(name, percent, holdout, remove);
    }
  }

  private void addSplitRow(JourneyStep.SplitPath path) {
    JourneyStep.Split current = (JourneyStep.Split) base;
    int index = current.paths().indexOf(path);
    SplitRow row = new SplitRow(index, path);
    List.of(row.name, (HasValue<?, ?>) row.percent, row.holdout)
        .forEach(field -> field.addValueChangeListener(e -> changed()));
    row.remove.addClickListener(
        e -> {
          splitRows.remove(row);
          splitPaths.remove(row);
          changed();
        });
    splitRows.add(row);
    splitPaths.add(row);
  }

  /** Builds the step from the fields and fires it, or marks the field that cannot be read. */
  void changed() {
    for (HasValue<?, ?> field : watched) {
      if (field instanceof HasValidation validated) {
        validated.setInvalid(false);
      }
    }
    splitRows.forEach(row -> row.percent.setInvalid(false));
    JourneyStep step;
    try {
      step = build.get();
    } catch (FieldProblem problem) {
      problem.field.setErrorMessage(problem.getMessage());
      problem.field.setInvalid(true);
      return;
    }
    String previous = currentId;
    currentId = step.id();
    base = step;
    fireEvent(new Changed(this, previous, step));
  }

  private String readId() {
    return id.getValue().strip();
  }

  private static Duration duration(TextField field) {
    try {
      return Durations.parse(field.getValue());
    } catch (IllegalArgumentException unreadable) {
      throw new FieldProblem(field, unreadable.getMessage());
    }
  }

  private TextField durationField(String name, String label, Duration value) {
    TextField field = text(name, label, Durations.format(value));
    field.setPlaceholder("1d 12h");
    field.setHelperText("e.g. 30m, 4h, 2d or 1d 12h");
    return field;
  }

  private TextField text(String name, String label, String value) {
    TextField field = new TextField(label);
    field.setValue(value == null ? "" : value);
    field.setWidthFull();
    // Values are judged when the step is built (and by the journey's validation), not per field.
    field.setManualValidation(true);
    named(name, field);
    watch(field);
    return field;
  }

  private TextArea area(String name, String label, String value) {
    TextArea field = new TextArea(label);
    field.setValue(value == null ? "" : value);
    field.setWidthFull();
    field.setManualValidation(true);
    named(name, field);
    watch(field);
    return field;
  }

  private <T> Select<T> select(String name, String label, T[] items, T value) {
    Select<T> field = new Select<>();
    field.setLabel(label);
    field.setItems(Arrays.asList(items));
    field.setValue(value);
    named(name, field);
    watch(field);
    return field;
  }

  private void named(String name, Component field) {
    fields.put(name, field);
    // One form is open at a time, so the names are unique on the page.
    field.setId("step-field-" + name);
    if (field instanceof HasValue<?, ?> value && !watched.contains(value)) {
      watch(value);
    }
  }

  private void watch(HasValue<?, ?> field) {
    if (!watched.contains(field)) {
      watched.add(field);
    }
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String lines(Map<String, String> pairs) {
    return String.join(
        "\n",
        pairs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
  }

  private static Map<String, String> pairs(TextArea area) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String line : area.getValue().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new FieldProblem(area, "write each line as name=value ('" + line.strip() + "')");
      }
      pairs.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
    }
    return pairs;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** A field whose value cannot be read at all; the form marks it. */
  private static final class FieldProblem extends RuntimeException {
    final HasValidation field;

    FieldProblem(HasValidation field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** The step is now {@code step}; it was {@code previousId} (the id may have changed). */
  static final class Changed extends ComponentEvent<StepForm> {
    final String previousId;
    final JourneyStep step;

    Changed(StepForm source, String previousId, JourneyStep step) {
      super(source, true);
      this.previousId = previousId;
      this.step = step;
    }
  }

  /** The marketer wants the step gone. */
  static final class Delete extends ComponentEvent<StepForm> {
    final String stepId;

    Delete(StepForm source, String stepId) {
      super(source, true);
      this.stepId = stepId;
    }
  }

  static final class Close extends ComponentEvent<StepForm> {
    Close(StepForm source) {
      super(source, true);
    }
  }
}
