package com.oxidly.ui.views.customers;

import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * A customer condition written as a sentence, read as the customer search reads it and shown back
 * as the same chips (change a value, remove a condition), with how many customers match now. It
 * fires {@link Changed} with each new condition; the journey step form and the campaign editor
 * decide what to do with it.
 */
public final class AudiencePicker extends VerticalLayout {

  public final TextField sentence = new TextField("Describe the customers");
  public final Button read = new Button("Read", VaadinIcon.MAGIC.create());
  public final SearchChips chips = new SearchChips();
  public final Span count = new Span();
  public final Span error = new Span();

  private final NaturalLanguageSearch language;
  private final PostgresCustomerQueries queries;
  private SearchState state;

  public AudiencePicker(
      CustomerQuery initial, NaturalLanguageSearch language, PostgresCustomerQueries queries) {
    this.language = language;
    this.queries = queries;
    setPadding(false);
    setSpacing(false);
    // One picker per page (a step form or the campaign editor): ids for end-to-end tests.
    sentence.setId("audience-sentence");
    read.setId("audience-read");
    chips.setId("audience-chips");
    count.setId("audience-count");
    error.setId("audience-error");
    sentence.setPlaceholder("customers who opted in to SMS");
    sentence.setMaxLength(NaturalLanguageSearch.MAX_LENGTH);
    sentence.setWidthFull();
    read.addClickListener(e -> read());
    read.addClickShortcut(Key.ENTER).listenOn(sentence);
    error.getStyle().set("color", "var(--lumo-error-text-color, #c00)");
    count.getStyle().set("font-size", "var(--lumo-font-size-s)");
    chips.addListener(
        SearchChips.RemoveCondition.class, e -> change(state.withoutCondition(e.index)));
    chips.addListener(
        SearchChips.ChangeCondition.class, e -> change(state.withCondition(e.index, e.condition)));
    HorizontalLayout bar = new HorizontalLayout(sentence, read);
    bar.setWidthFull();
    bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    add(bar, error, chips, count);
    if (initial != null) {
      show(new SearchState("", initial, List.of(), List.of(), null, null, false));
    } else {
      chips.setVisible(false);
      count.setText("No condition yet: describe the customers and press Read.");
    }
  }

  /** The condition shown; null when none was read yet. */
  public CustomerQuery value() {
    return state == null ? null : state.query();
  }

  public void read() {
    error.setText("");
    try {
      change(SearchState.read(sentence.getValue(), language.read(sentence.getValue())));
    } catch (IllegalArgumentException refused) {
      error.setText(refused.getMessage());
    }
  }

  private void change(SearchState next) {
    show(next);
    fireEvent(new Changed(this, next.query()));
  }

  private void show(SearchState next) {
    state = next;
    chips.setVisible(true);
    chips.show(next);
    try {
      long matching = queries.count(next.query());
      count.setText(matching + (matching == 1 ? " customer matches" : " customers match") + " now");
    } catch (RuntimeException cannotCount) {
      // The condition stays usable; only the preview number is missing.
      count.setText("Cannot count matching customers now: " + cannotCount.getMessage());
    }
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** The marketer read a sentence or changed a chip: this is the condition now. */
  public static final class Changed extends ComponentEvent<AudiencePicker> {
    public final CustomerQuery condition;

    Changed(AudiencePicker source, CustomerQuery condition) {
      super(source, true);
      this.condition = condition;
    }
  }
}
