package com.oxidly.ui.views.customers;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.ReadableQuery;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a search was read, shown back: the conditions as a sentence, one chip per condition (click to
 * change its value, x to remove it), a chip per free-text phrase, a badge per word that was not
 * understood, and who read it. It changes nothing itself: it fires events the view acts on.
 */
public final class SearchChips extends VerticalLayout {

  /** A condition or phrase with a button that opens it and one that removes it. */
  static final class Chip extends HorizontalLayout {
    final Button label;
    final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());

    Chip(String text, boolean editable) {
      label = new Button(text);
      label.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
      label.setTooltipText(editable ? "Change the value" : "Can only be removed");
      if (!editable) {
        label.getStyle().set("cursor", "default");
      }
      remove.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
      remove.setAriaLabel("Remove " + text);
      remove.setTooltipText("Remove");
      setSpacing(false);
      setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
      getStyle()
          .set("border", "1px solid var(--vaadin-border-color, #ccc)")
          .set("border-radius", "999px")
          .set("padding-inline", "0.25em");
      addClassName("search-chip");
      label.addClassName("search-chip-label");
      add(label, remove);
    }
  }

  final Span readable = new Span();
  final List<Chip> conditions = new ArrayList<>();
  final List<Chip> phrases = new ArrayList<>();
  final List<Badge> ignored = new ArrayList<>();
  final Badge source = new Badge();
  final Span notice = new Span();

  /** The last editor opened, for tests; null before any. */
  ConditionEditor editor;

  private final FlexLayout row = new FlexLayout();

  public SearchChips() {
    setPadding(false);
    setSpacing(false);
    row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    row.setAlignItems(FlexComponent.Alignment.CENTER);
    row.getStyle().set("gap", "0.5em");
    notice.getStyle().set("color", "var(--vaadin-warning-text-color, #a60)");
    HorizontalLayout sentence = new HorizontalLayout(readable, source);
    sentence.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    add(sentence, row, notice);
  }

  /** Shows {@code state}'s reading, replacing what was shown. */
  public void show(SearchState state) {
    readable.setText("Showing: " + state.readable());
    row.removeAll();
    conditions.clear();
    phrases.clear();
    ignored.clear();

    List<CustomerQuery> parts = state.conditions();
    for (int i = 0; i < parts.size(); i++) {
      int index = i;
      CustomerQuery condition = parts.get(i);
      String label = ReadableQuery.render(condition);
      Optional<EditableValues> values = EditableValues.of(condition);
      Chip chip = new Chip(label, values.isPresent());
      values.ifPresent(
          editable ->
              chip.label.addClickListener(
                  e -> {
                    editor =
                        new ConditionEditor(
                            label,
                            editable,
                            changed -> fireEvent(new ChangeCondition(this, index, changed)));
                    editor.open();
                  }));
      chip.remove.addClickListener(e -> fireEvent(new RemoveCondition(this, index)));
      conditions.add(chip);
    }
    for (int i = 0; i < state.freeText().size(); i++) {
      int index = i;
      Chip chip = new Chip("mentions \"" + state.freeText().get(i) + "\"", false);
      chip.label.setTooltipText("Ranks customers by what they wrote in reviews and tickets");
      chip.remove.addClickListener(e -> fireEvent(new RemoveFreeText(this, index)));
      phrases.add(chip);
    }
    for (String word : state.ignored()) {
      Badge badge = new Badge("ignored: '" + word + "'");
      badge.addThemeVariants(BadgeVariant.WARNING);
      ignored.add(badge);
    }
    row.add(conditions.toArray(Chip[]::new));
    row.add(phrases.toArray(Chip[]::new));
    row.add(ignored.toArray(Badge[]::new));

    source.setText(
        state.source() == null
            ? ""
            : "model".equals(state.source())
                ? "read by the language model"
                : "read by the local parser");
    source.setVisible(state.source() != null && !state.sentence().isEmpty());
    notice.setText(state.notice() == null ? "" : state.notice());
    notice.setVisible(state.notice() != null);
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** The marketer removed the condition at {@code index} of the state's conditions. */
  public static final class RemoveCondition extends ComponentEvent<SearchChips> {
    public final int index;

    RemoveCondition(SearchChips source, int index) {
      super(source, true);
      this.index = index;
    }
  }

  /** The marketer changed the value(s) of the condition at {@code index}; already validated. */
  public static final class ChangeCondition extends ComponentEvent<SearchChips> {
    public final int index;
    public final CustomerQuery condition;

    ChangeCondition(SearchChips source, int index, CustomerQuery condition) {
      super(source, true);
      this.index = index;
      this.condition = condition;
    }
  }

  /** The marketer removed the free-text phrase at {@code index}. */
  public static final class RemoveFreeText extends ComponentEvent<SearchChips> {
    public final int index;

    RemoveFreeText(SearchChips source, int index) {
      super(source, true);
      this.index = index;
    }
  }
}
