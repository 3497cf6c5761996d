package com.oxidly.ui.views.segments;

import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.ReadableQuery;
import com.oxidly.domain.segment.InvalidSegmentException;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.SegmentConflictException;
import com.oxidly.domain.segment.SegmentInput;
import com.oxidly.domain.segment.SegmentKind;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.maintenance.SegmentReevaluations;
import com.oxidly.ui.security.Role;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Named segments with their live member counts. Marketers and admins create, edit and delete them:
 * a definition is a customer query as JSON, or written as a search sentence that the view reads and
 * shows back before it is saved.
 */
@Route(value = "segments", layout = MainLayout.class)
@PageTitle("Segments | Oxidly")
@PermitAll
public class SegmentsView extends VerticalLayout {

  /** One line of the list. */
  record Row(Segment segment, long members) {}

  final Grid<Row> grid = new Grid<>();
  final TextField name = new TextField("Name");
  final TextArea description = new TextArea("Description");
  final ComboBox<SegmentKind> kind = new ComboBox<>("Kind", SegmentKind.values());
  final TextField sentence = new TextField("Describe the customers");
  final Button read = new Button("Read", VaadinIcon.MAGIC.create());
  final Span reading = new Span();
  final TextArea definition = new TextArea("Definition (customer query JSON)");
  final Button save = new Button("Save", VaadinIcon.CHECK.create());
  final Button newSegment = new Button("New segment", VaadinIcon.PLUS.create());
  final Button delete = new Button("Delete", VaadinIcon.TRASH.create());
  final Span message = new Span();
  final FormLayout form = new FormLayout();

  private final Segments segments;
  private final SegmentReevaluations reevaluations;
  private final NaturalLanguageSearch language;
  private final AuthenticationContext authentication;
  private final JsonMapper json = JsonMapper.builder().build();

  /** The segment being edited; null while creating one. */
  private Segment editing;

  public SegmentsView(
      Segments segments,
      SegmentReevaluations reevaluations,
      NaturalLanguageSearch language,
      AuthenticationContext authentication) {
    this.segments = segments;
    this.reevaluations = reevaluations;
    this.language = language;
    this.authentication = authentication;
    setSizeFull();

    grid.addColumn(row -> row.segment().name()).setHeader("Name").setKey("name").setFlexGrow(1);
    grid.addColumn(Row::members).setHeader("Members").setKey("members").setAutoWidth(true);
    grid.addColumn(row -> row.segment().kind().code()).setHeader("Kind").setKey("kind");
    grid.addColumn(row -> row.segment().builtIn() ? "built in" : "")
        .setHeader("")
        .setKey("builtIn");
    grid.addColumn(
            row ->
                row.segment().definition() == null
                    ? "members added by hand"
                    : ReadableQuery.render(row.segment().definition()))
        .setHeader("Definition")
        .setKey("definition")
        .setFlexGrow(3);
    grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
    grid.setHeight("45%");

    kind.setItemLabelGenerator(SegmentKind::code);
    kind.setValue(SegmentKind.DYNAMIC);
    kind.addValueChangeListener(e -> showDefinition());
    sentence.setPlaceholder("customers who spent over $500 in the last 90 days");
    sentence.setMaxLength(NaturalLanguageSearch.MAX_LENGTH);
    sentence.setWidthFull();
    read.addClickListener(e -> readSentence());
    definition.setWidthFull();
    definition.setMinHeight("8em");
    save.addThemeVariants(ButtonVariant.PRIMARY);
    save.addClickListener(e -> save());
    newSegment.addClickListener(e -> edit(null));
    delete.addThemeVariants(ButtonVariant.ERROR);
    delete.addClickListener(e -> deleteEditing());
    form.add(name, kind, description);
    form.setColspan(description, 2);
    HorizontalLayout readBar = new HorizontalLayout(sentence, read);
    readBar.setWidthFull();
    readBar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
    HorizontalLayout actions = new HorizontalLayout(save, newSegment, delete);

    add(new H2("Segments"), grid);
    if (canWrite()) {
      add(form, readBar, reading, definition, actions, message);
    }
    refresh();
    edit(null);
  }

  private boolean canWrite() {
    return authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name());
  }

  /** Reloads the list with fresh counts. */
  void refresh() {
    Map<String, Long> counts = segments.counts();
    grid.setItems(
        segments.all().stream().map(s -> new Row(s, counts.getOrDefault(s.key(), 0L))).toList());
  }

  private void edit(Row row) {
    editing = row == null ? null : row.segment();
    message.setText("");
    reading.setText("");
    sentence.clear();
    if (editing == null) {
      name.clear();
      description.clear();
      kind.setValue(SegmentKind.DYNAMIC);
      definition.clear();
    } else {
      name.setValue(editing.name());
      description.setValue(editing.description());
      kind.setValue(editing.kind());
      definition.setValue(
          editing.definition() == null
              ? ""
              : json.writerWithDefaultPrettyPrinter().writeValueAsString(editing.definition()));
    }
    kind.setReadOnly(editing != null); // the kind of a segment never changes
    delete.setEnabled(editing != null && !editing.builtIn());
    showDefinition();
  }

  private void showDefinition() {
    boolean dynamic = kind.getValue() != SegmentKind.STATIC;
    definition.setVisible(dynamic);
    sentence.setVisible(dynamic);
    read.setVisible(dynamic);
    reading.setVisible(dynamic);
  }

  /** Reads the sentence as the customer search does and puts its query in the definition. */
  void readSentence() {
    try {
      NaturalLanguageSearch.Reading result = language.read(sentence.getValue());
      var interpretation = result.interpretation();
      definition.setValue(
          json.writerWithDefaultPrettyPrinter().writeValueAsString(interpretation.query()));
      String ignored =
          interpretation.ignored().isEmpty()
              ? ""
              : " (ignored: "
                  + interpretation.ignored().stream()
                      .map(w -> "'" + w + "'")
                      .collect(Collectors.joining(", "))
                  + ")";
      reading.setText("Read as: " + interpretation.readable() + ignored);
    } catch (IllegalArgumentException e) {
      reading.setText(e.getMessage());
    }
  }

  void save() {
    String user = authentication.getPrincipalName().orElse("unknown");
    SegmentInput input =
        new SegmentInput(
            null,
            name.getValue(),
            description.getValue(),
            kind.getValue() == null ? null : kind.getValue().code(),
            kind.getValue() == SegmentKind.STATIC ? null : definition.getValue());
    try {
      Segment saved;
      if (editing == null) {
        saved = segments.create(input, user);
        if (saved.kind() == SegmentKind.DYNAMIC) {
          reevaluations.start(saved.key());
        }
      } else {
        Segments.Saved change = segments.update(editing.key(), input, user);
        saved = change.segment();
        if (change.definitionChanged()) {
          reevaluations.start(saved.key());
        }
      }
      refresh();
      editing = saved;
      delete.setEnabled(!saved.builtIn());
      kind.setReadOnly(true);
      message.setText("Saved '" + saved.name() + "'; members are being brought up to date.");
    } catch (InvalidSegmentException e) {
      message.setText(
          e.errors().stream()
              .map(FieldError::field)
              .distinct()
              .map(f -> f + " " + messagesOf(e.errors(), f))
              .collect(Collectors.joining("; ")));
    } catch (SegmentConflictException e) {
      message.setText(e.getMessage());
    }
  }

  private static String messagesOf(List<FieldError> errors, String field) {
    return errors.stream()
        .filter(error -> error.field().equals(field))
        .map(FieldError::message)
        .collect(Collectors.joining(", "));
  }

  void deleteEditing() {
    if (editing == null) {
      return;
    }
    try {
      segments.delete(editing.key());
      message.setText("Deleted '" + editing.name() + "'.");
      refresh();
      edit(null);
    } catch (SegmentConflictException e) {
      message.setText(e.getMessage());
    }
  }
}
