package com.oxidly.ui.views.customers;

import com.oxidly.domain.bulk.BulkAction;
import com.oxidly.domain.bulk.BulkOutcome;
import com.oxidly.domain.bulk.CustomerBulkActions;
import com.oxidly.domain.bulk.CustomerBulkActions.Target;
import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerStatus;
import com.oxidly.domain.exporting.CsvExport;
import com.oxidly.domain.importing.ImportKind;
import com.oxidly.domain.journey.Journeys.PublishedJourney;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.segment.Segment;
import com.oxidly.ui.bulk.BulkJobs;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;

/**
 * What a marketer does with the customers picked in the list, or with all that match its query:
 * tag, untag, change status (confirmed first), add to a static segment, enrol in a journey, export
 * as CSV, erase (confirmed first). Small selections are done at once; larger ones run in the
 * background while a progress bar, polled, shows how far they are, and a summary says what changed
 * and what failed and why. Analysts only export; viewers see no actions.
 */
final class BulkActionBar extends HorizontalLayout {

  /** How often a running action's progress is read, in milliseconds. */
  static final int POLL_MILLIS = 1_000;

  final Span selection = new Span();
  final Button selectAll = new Button();
  final Button clear = new Button("Clear selection");
  final MenuBar actions = new MenuBar();
  final Anchor export;
  final ProgressBar progress = new ProgressBar();
  final Span result = new Span();

  /**
   * Above this many customers an action runs in the background; not final so tests can lower it.
   */
  int backgroundAbove = 500;

  /** The dialog asking for an action's value (tag, status...), while open; for tests. */
  Dialog dialog;

  /** Its field and the button that goes on. */
  Component dialogField;

  Button dialogNext;

  /** The last confirmation asked; for tests. */
  ConfirmDialog confirm;

  /** The action running or last run; null before any. */
  BulkJobs.Job job;

  private final Grid<Customer> grid;
  private final BulkJobs jobs;
  private final CustomerBulkActions bulk;
  private final CsvExport csv;
  private final String user;
  private SearchState state = SearchState.ALL;
  private long matching;
  private boolean allMatching;
  private Registration polling;

  BulkActionBar(
      Grid<Customer> grid,
      BulkJobs jobs,
      CustomerBulkActions bulk,
      CsvExport csv,
      String user,
      boolean canChange,
      boolean canExport) {
    this.grid = grid;
    this.jobs = jobs;
    this.bulk = bulk;
    this.csv = csv;
    this.user = user;
    setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    setWidthFull();
    selectAll.addThemeVariants(ButtonVariant.TERTIARY);
    selectAll.addClickListener(e -> selectAllMatching());
    clear.addThemeVariants(ButtonVariant.TERTIARY);
    clear.addClickListener(e -> clearSelection());
    if (canChange || canExport) {
      // Only then can rows be selected (see the view's selection mode).
      grid.addSelectionListener(
          e -> {
            if (e.isFromClient() || !e.getAllSelectedItems().isEmpty()) {
              allMatching = false;
            }
            showSelection();
          });
    }

    var menu = actions.addItem("Actions").getSubMenu();
    menu.addItem("Add tag…", e -> askTag(true));
    menu.addItem("Remove tag…", e -> askTag(false));
    menu.addItem("Change status…", e -> askStatus());
    menu.addItem("Add to segment…", e -> askSegment());
    menu.addItem("Enrol in journey…", e -> askJourney());
    menu.addItem("Erase…", e -> confirmErase());
    actions.setVisible(canChange);

    DownloadHandler download =
        event -> {
          event.setFileName("customers.csv");
          event.setContentType("text/csv;charset=UTF-8");
          Writer writer = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
          writeExport(writer);
        };
    export = new Anchor(download, "Export CSV");
    export.setVisible(canExport);

    progress.setWidth("12em");
    progress.setVisible(false);
    add(selection, selectAll, clear, actions, export, progress, result);
    setVisible(canChange || canExport);
  }

  /** Follows the list: a new query drops the selection. */
  void show(SearchState next, long count) {
    state = next;
    matching = count;
    allMatching = false;
    grid.deselectAll();
    showSelection();
  }

  /** How many customers an action would apply to now. */
  long selected() {
    return allMatching ? matching : grid.getSelectedItems().size();
  }

  void selectAllMatching() {
    grid.deselectAll();
    allMatching = true;
    showSelection();
  }

  void clearSelection() {
    allMatching = false;
    grid.deselectAll();
    showSelection();
  }

  private void showSelection() {
    NumberFormat number = NumberFormat.getIntegerInstance(Locale.US);
    selection.setText(
        allMatching
            ? "All " + number.format(matching) + " matching customers selected"
            : grid.getSelectedItems().isEmpty()
                ? "None selected"
                : number.format(grid.getSelectedItems().size()) + " selected");
    selectAll.setText("Select all " + number.format(matching) + " matching");
    // Phrases rank customers by what they wrote; they do not select them.
    selectAll.setEnabled(!state.ranked() && !allMatching && matching > 0);
    selectAll.setTooltipText(
        state.ranked() ? "Remove the \"mentions\" chips to select by conditions only" : null);
    clear.setEnabled(selected() > 0);
    actions.setEnabled(selected() > 0 && (job == null || job.finished()));
    export.setText(
        selected() > 0 ? "Export CSV (" + number.format(selected()) + ")" : "Export CSV (all)");
  }

  /**
   * The customers an export writes: those picked (by their unique emails), else all that match the
   * list's conditions.
   */
  CustomerQuery exportQuery() {
    if (allMatching || grid.getSelectedItems().isEmpty()) {
      return state.query();
    }
    return new CustomerQuery.Field(
        CustomerField.EMAIL,
        new Comparison(
            Op.IN, grid.getSelectedItems().stream().<Object>map(Customer::email).toList()));
  }

  /** Writes the export, in the import format, as the export API does. */
  void writeExport(Writer writer) throws IOException {
    csv.prepare(ImportKind.CUSTOMERS, exportQuery()).writeTo(writer, null);
    writer.flush();
  }

  private void askTag(boolean add) {
    TextField tag = new TextField("Tag");
    tag.setManualValidation(true);
    ask(
        add ? "Add a tag" : "Remove a tag",
        tag,
        () ->
            add ? new BulkAction.AddTag(tag.getValue()) : new BulkAction.RemoveTag(tag.getValue()),
        this::run);
  }

  private void askStatus() {
    Select<CustomerStatus> status = new Select<>();
    status.setLabel("New status");
    status.setItems(CustomerStatus.values());
    status.setItemLabelGenerator(CustomerStatus::code);
    ask(
        "Change status",
        status,
        () -> new BulkAction.ChangeStatus(status.getValue()),
        action ->
            confirm(
                "Change status",
                "Change the status of " + who() + " to " + status.getValue().code() + "?",
                "Change status",
                action));
  }

  private void askSegment() {
    ComboBox<Segment> segment = new ComboBox<>("Static segment");
    segment.setItems(bulk.staticSegments());
    segment.setItemLabelGenerator(Segment::name);
    segment.setHelperText("Lists kept by hand; create one in Segments");
    ask(
        "Add to a segment",
        segment,
        () ->
            new BulkAction.AddToSegment(
                segment.getValue() == null ? null : segment.getValue().key()),
        this::run);
  }

  private void askJourney() {
    ComboBox<PublishedJourney> journey = new ComboBox<>("Journey");
    journey.setItems(bulk.enrollableJourneys());
    journey.setItemLabelGenerator(j -> j.definition().name());
    journey.setHelperText("Active journeys with a manual trigger");
    ask(
        "Enrol in a journey",
        journey,
        () -> {
          PublishedJourney chosen = journey.getValue();
          if (chosen == null) {
            throw new IllegalArgumentException("a journey is required");
          }
          return new BulkAction.EnrolInJourney(chosen.id(), chosen.definition().name());
        },
        this::run);
  }

  private void confirmErase() {
    confirm(
        "Erase customers",
        "Erase "
            + who()
            + " with their orders, reviews, interactions and consent history? This cannot be"
            + " undone.",
        "Erase",
        new BulkAction.Erase());
  }

  /**
   * Opens a dialog for an action's value; the action is built when the marketer goes on, and a
   * value it refuses keeps the dialog open with the reason under the field.
   */
  private <F extends Component & HasValidation> void ask(
      String title,
      F field,
      java.util.function.Supplier<BulkAction> action,
      java.util.function.Consumer<BulkAction> then) {
    Dialog ask = new Dialog();
    ask.setHeaderTitle(title + ": " + who());
    field.getElement().setProperty("autofocus", true);
    ask.add(field);
    Button next = new Button("Continue");
    next.addThemeVariants(ButtonVariant.PRIMARY);
    next.addClickListener(
        e -> {
          BulkAction built;
          try {
            built = action.get();
          } catch (IllegalArgumentException refused) {
            field.setErrorMessage(refused.getMessage());
            field.setInvalid(true);
            return;
          }
          ask.close();
          then.accept(built);
        });
    ask.getFooter().add(new Button("Cancel", e -> ask.close()), next);
    dialog = ask;
    dialogField = field;
    dialogNext = next;
    ask.open();
  }

  private void confirm(String header, String text, String confirmText, BulkAction action) {
    ConfirmDialog question = new ConfirmDialog();
    question.setHeader(header);
    question.setText(text);
    question.setCancelable(true);
    question.setConfirmText(confirmText);
    question.setConfirmButtonTheme("error primary");
    question.addConfirmListener(e -> run(action));
    confirm = question;
    question.open();
  }

  /** "the 3 selected customers", "all 212 matching customers". */
  private String who() {
    NumberFormat number = NumberFormat.getIntegerInstance(Locale.US);
    return allMatching
        ? "all " + number.format(matching) + " matching customers"
        : "the " + number.format(selected()) + " selected customer" + (selected() == 1 ? "" : "s");
  }

  void run(BulkAction action) {
    if (selected() == 0) {
      result.setText("Select customers first.");
      return;
    }
    Target target =
        allMatching
            ? Target.matching(state.query())
            : Target.of(grid.getSelectedItems().stream().map(Customer::customerUuid).toList());
    try {
      job = jobs.start(action, target, user, selected() > backgroundAbove);
    } catch (AccessDeniedException denied) {
      result.setText("Only admins and marketers may change customers.");
      return;
    } catch (IllegalArgumentException refused) {
      result.setText("Not done: " + refused.getMessage());
      return;
    }
    if (job.finished()) {
      finish();
    } else {
      result.setText("Working: " + action.describe() + "…");
      progress.setVisible(true);
      progress.setIndeterminate(true);
      actions.setEnabled(false);
      getUI().ifPresent(this::poll);
    }
  }

  private void poll(UI ui) {
    ui.setPollInterval(POLL_MILLIS);
    polling = ui.addPollListener(e -> refreshProgress());
  }

  /** Shows how far the running action is, and its outcome once it is done. */
  void refreshProgress() {
    if (job == null) {
      return;
    }
    if (job.finished()) {
      finish();
      return;
    }
    int total = job.total();
    progress.setIndeterminate(total < 0);
    if (total > 0) {
      progress.setValue(Math.min(1.0, job.done() / (double) total));
      result.setText("Working: " + job.done() + " of " + total + " done…");
    }
  }

  private void finish() {
    stopPolling();
    progress.setVisible(false);
    BulkOutcome outcome = job.outcome();
    result.setText(
        outcome == null
            ? "Not done: " + job.refusal()
            : "Done, " + job.action().describe() + ": " + outcome.summary() + ".");
    allMatching = false;
    grid.deselectAll();
    fireEvent(new Done(this));
    showSelection();
  }

  private void stopPolling() {
    if (polling != null) {
      polling.remove();
      polling = null;
      getUI().ifPresent(ui -> ui.setPollInterval(-1));
    }
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    // The UI outlives this view; the action itself goes on and its outcome is in the data.
    if (polling != null) {
      polling.remove();
      polling = null;
      detach.getUI().setPollInterval(-1);
    }
  }

  @Override
  public <T extends ComponentEvent<?>> Registration addListener(
      Class<T> eventType, ComponentEventListener<T> listener) {
    return getEventBus().addListener(eventType, listener);
  }

  /** An action finished: the list and its counts may have changed. */
  static final class Done extends ComponentEvent<BulkActionBar> {
    Done(BulkActionBar source) {
      super(source, false);
    }
  }
}
