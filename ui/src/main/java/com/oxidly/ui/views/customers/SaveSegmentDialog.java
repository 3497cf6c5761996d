package com.oxidly.ui.views.customers;

import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.segment.InvalidSegmentException;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.SegmentConflictException;
import com.oxidly.domain.segment.SegmentInput;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.maintenance.SegmentReevaluations;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves the list's conditions as a dynamic segment: the same query tree the chips show becomes the
 * segment's definition, and its members are filled in by a re-evaluation. Refusals are shown on the
 * field they are about (a name missing, too long or taken).
 */
final class SaveSegmentDialog extends Dialog {

  final TextField name = new TextField("Segment name");
  final TextField description = new TextField("Description");
  final Span problem = new Span();
  final Button save = new Button("Save segment");

  private final CustomerQuery query;
  private final Segments segments;
  private final SegmentReevaluations reevaluations;
  private final JsonMapper json;
  private final String user;

  SaveSegmentDialog(
      SearchState state,
      Segments segments,
      SegmentReevaluations reevaluations,
      JsonMapper json,
      String user) {
    this.query = state.query();
    this.segments = segments;
    this.reevaluations = reevaluations;
    this.json = json;
    this.user = user;
    setHeaderTitle("Save as segment");
    name.setWidthFull();
    name.setManualValidation(true);
    description.setWidthFull();
    description.setManualValidation(true);
    Span definition = new Span("Customers: " + state.readable());
    VerticalLayout body = new VerticalLayout(name, description, definition);
    body.setPadding(false);
    if (state.ranked()) {
      body.add(
          new Span(
              "Phrases rank customers by what they wrote and are not part of a segment: it"
                  + " keeps the conditions only."));
    }
    problem.getStyle().set("color", "var(--vaadin-error-color, #c00)");
    body.add(problem);
    add(body);
    save.addThemeVariants(ButtonVariant.PRIMARY);
    save.addClickListener(e -> save());
    getFooter().add(new Button("Cancel", e -> close()), save);
  }

  void save() {
    name.setInvalid(false);
    description.setInvalid(false);
    problem.setText("");
    Segment saved;
    try {
      saved =
          segments.create(
              new SegmentInput(
                  null,
                  name.getValue(),
                  description.getValue(),
                  "dynamic",
                  json.writeValueAsString(query)),
              user);
    } catch (InvalidSegmentException invalid) {
      show(invalid.errors());
      return;
    } catch (SegmentConflictException taken) {
      name.setErrorMessage(taken.getMessage());
      name.setInvalid(true);
      return;
    }
    reevaluations.start(saved.key());
    close();
    fireEvent(new Saved(this, saved));
  }

  private void show(List<FieldError> errors) {
    String forName = messages(errors, "name", "key");
    if (!forName.isEmpty()) {
      name.setErrorMessage(forName);
      name.setInvalid(true);
    }
    String forDescription = messages(errors, "description");
    if (!forDescription.isEmpty()) {
      description.setErrorMessage(forDescription);
      description.setInvalid(true);
    }
    problem.setText(messages(errors, "definition", "kind"));
  }

  private static String messages(List<FieldError> errors, String... fields) {
    List<String> wanted = List.of(fields);
    return errors.stream()
        .filter(error -> wanted.contains(error.field()))
        .map(error -> error.field() + " " + error.message())
        .collect(Collectors.joining("; "));
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** The segment was created; its members follow in moments. */
  static final class Saved extends ComponentEvent<SaveSegmentDialog> {
    final Segment segment;

    Saved(SaveSegmentDialog source, Segment segment) {
      super(source, false);
      this.segment = segment;
    }
  }
}
