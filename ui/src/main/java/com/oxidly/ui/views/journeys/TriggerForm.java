package com.oxidly.ui.views.journeys;

import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyDefinition.ConversionGoal;
import com.oxidly.domain.journey.JourneyDefinition.ReEntry;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.journey.PropertyCondition;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side panel's form for what starts the journey (an event with property conditions, entering a
 * segment, a date attribute, or manual enrolment) and the journey's goal and re-entry rule, which
 * the trigger card stands for. Fires {@link Changed} on every readable change.
 */
final class TriggerForm extends VerticalLayout {

  static final String EVENT = "An event";
  static final String SEGMENT = "Entering a segment";
  static final String DATE = "A date coming round";
  static final String MANUAL = "Manual enrolment";

  final Select<String> kind = new Select<>();
  final TextField event = new TextField("Event type");
  final VerticalLayout conditions = new VerticalLayout();
  final Button addCondition = new Button("Add condition", VaadinIcon.PLUS.create());
  final ComboBox<String> segment = new ComboBox<>("Segment");
  final Select<JourneyTrigger.DateAttribute> date = new Select<>();
  final TextField goalEvent = new TextField("Goal event");
  final TextField goalRevenue = new TextField("Revenue property");
  final TextField goalCorrelate = new TextField("Same as the trigger's (property)");
  final Select<ReEntry.Policy> reEntry = new Select<>();
  final TextField reEntryAfter = new TextField("Re-enter after");
  final Div problems = new Div();
  final Button close = new Button("Close", VaadinIcon.CLOSE.create());
  final List<ConditionRow> rows = new ArrayList<>();

  /** One property condition: property, operator, value. */
  static final class ConditionRow extends HorizontalLayout {
    final TextField property = new TextField("Property");
    final Select<PropertyCondition.Op> op = new Select<>();
    final TextField value = new TextField("Value");
    final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());

    ConditionRow(PropertyCondition condition) {
      property.setValue(condition.property() == null ? "" : condition.property());
      property.setWidth("9em");
      op.setLabel("Is");
      op.setItems(PropertyCondition.Op.values());
      op.setItemLabelGenerator(o -> o.name().toLowerCase(Locale.ROOT));
      op.setValue(condition.op() == null ? PropertyCondition.Op.EQ : condition.op());
      op.setWidth("7em");
      value.setValue(condition.value() == null ? "" : condition.value());
      value.setWidth("8em");
      remove.addThemeVariants(ButtonVariant.TERTIARY);
      remove.setAriaLabel("Remove condition");
      setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
      add(property, op, value, remove);
    }

    PropertyCondition value() {
      return new PropertyCondition(
          property.getValue().strip(),
          op.getValue(),
          op.getValue() == PropertyCondition.Op.EXISTS ? null : value.getValue().strip());
    }
  }

  TriggerForm(JourneyDefinition journey, List<String> segmentNames) {
    setPadding(false);
    kind.setId("trigger-kind");
    event.setId("trigger-event");
    close.setId("trigger-close");
    kind.setLabel("Customers enter on");
    kind.setItems(EVENT, SEGMENT, DATE, MANUAL);
    event.setPlaceholder("cart_updated");
    conditions.setPadding(false);
    conditions.setSpacing(false);
    segment.setItems(segmentNames);
    segment.setAllowCustomValue(true);
    segment.addCustomValueSetListener(e -> segment.setValue(e.getDetail()));
    date.setLabel("Date attribute");
    date.setItems(JourneyTrigger.DateAttribute.values());
    date.setItemLabelGenerator(a -> a.key().replace('_', ' '));
    reEntry.setLabel("Re-entry");
    reEntry.setItems(ReEntry.Policy.values());
    reEntry.setItemLabelGenerator(p -> p.name().toLowerCase(Locale.ROOT));
    reEntryAfter.setPlaceholder("12h");
    problems.getStyle().set("color", "var(--lumo-error-text-color, #c00)");
    goalEvent.setPlaceholder("order_placed");
    goalRevenue.setPlaceholder("total");
    close.addClickListener(e -> fireEvent(new Close(this)));

    switch (journey.trigger()) {
      case JourneyTrigger.OnEvent onEvent -> {
        kind.setValue(EVENT);
        event.setValue(onEvent.event() == null ? "" : onEvent.event());
        onEvent.where().forEach(this::addRow);
      }
      case JourneyTrigger.OnSegmentEntered entered -> {
        kind.setValue(SEGMENT);
        if (entered.segment() != null) {
          segment.setValue(entered.segment());
        }
      }
      case JourneyTrigger.OnDate onDate -> {
        kind.setValue(DATE);
        date.setValue(onDate.attribute());
      }
      case JourneyTrigger.Manual manual -> kind.setValue(MANUAL);
      case null -> kind.setValue(EVENT);
    }
    if (journey.goal() != null) {
      goalEvent.setValue(nonNull(journey.goal().event()));
      goalRevenue.setValue(nonNull(journey.goal().revenueProperty()));
      goalCorrelate.setValue(nonNull(journey.goal().correlateOn()));
    }
    reEntry.setValue(journey.reEntry().policy());
    reEntryAfter.setValue(Durations.format(journey.reEntry().after()));
    addCondition.addClickListener(
        e -> {
          addRow(new PropertyCondition("", PropertyCondition.Op.EQ, ""));
          // An empty condition is not a change yet: it fires once it has a property.
        });
    showKind();

    add(new H3("Trigger"), problems, kind, event, conditions, addCondition, segment, date);
    add(new H4("Goal"), goalEvent, goalRevenue, goalCorrelate);
    add(new H4("Re-entry"), reEntry, reEntryAfter, close);
    List.of(
            kind,
            (HasValue<?, ?>) event,
            segment,
            date,
            goalEvent,
            goalRevenue,
            goalCorrelate,
            reEntry,
            reEntryAfter)
        .forEach(field -> field.addValueChangeListener(e -> changed()));
  }

  private void addRow(PropertyCondition condition) {
    ConditionRow row = new ConditionRow(condition);
    List.of(row.property, (HasValue<?, ?>) row.op, row.value)
        .forEach(field -> field.addValueChangeListener(e -> changed()));
    row.remove.addClickListener(
        e -> {
          rows.remove(row);
          conditions.remove(row);
          changed();
        });
    rows.add(row);
    conditions.add(row);
  }

  private void showKind() {
    boolean onEvent = EVENT.equals(kind.getValue());
    event.setVisible(onEvent);
    conditions.setVisible(onEvent);
    addCondition.setVisible(onEvent);
    segment.setVisible(SEGMENT.equals(kind.getValue()));
    date.setVisible(DATE.equals(kind.getValue()));
    reEntryAfter.setVisible(reEntry.getValue() == ReEntry.Policy.AFTER);
  }

  /** Journey-level problems, from the journey's validation. */
  void showProblems(List<String> messages) {
    problems.removeAll();
    messages.forEach(message -> problems.add(new Div("⚠ " + message)));
  }

  void changed() {
    showKind();
    reEntryAfter.setInvalid(false);
    JourneyTrigger trigger =
        switch (kind.getValue()) {
          case SEGMENT -> new JourneyTrigger.OnSegmentEntered(blankToNull(segment.getValue()));
          case DATE -> new JourneyTrigger.OnDate(date.getValue());
          case MANUAL -> new JourneyTrigger.Manual();
          default ->
              new JourneyTrigger.OnEvent(
                  event.getValue().strip(),
                  rows.stream()
                      .map(ConditionRow::value)
                      .filter(c -> !c.property().isEmpty())
                      .toList());
        };
    ConversionGoal goal =
        blankToNull(goalEvent.getValue()) == null
            ? null
            : new ConversionGoal(
                goalEvent.getValue().strip(),
                blankToNull(goalRevenue.getValue()),
                blankToNull(goalCorrelate.getValue()));
    ReEntry entry;
    if (reEntry.getValue() == ReEntry.Policy.AFTER) {
      try {
        entry = new ReEntry(ReEntry.Policy.AFTER, Durations.parse(reEntryAfter.getValue()));
      } catch (IllegalArgumentException unreadable) {
        reEntryAfter.setErrorMessage(unreadable.getMessage());
        reEntryAfter.setInvalid(true);
        return;
      }
    } else {
      entry = new ReEntry(reEntry.getValue(), null);
    }
    fireEvent(new Changed(this, trigger, goal, entry));
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** The trigger, goal and re-entry rule are now these. */
  static final class Changed extends ComponentEvent<TriggerForm> {
    final JourneyTrigger trigger;
    final ConversionGoal goal;
    final ReEntry reEntry;

    Changed(TriggerForm source, JourneyTrigger trigger, ConversionGoal goal, ReEntry reEntry) {
      super(source, true);
      this.trigger = trigger;
      this.goal = goal;
      this.reEntry = reEntry;
    }
  }

  static final class Close extends ComponentEvent<TriggerForm> {
    Close(TriggerForm source) {
      super(source, true);
    }
  }
}
