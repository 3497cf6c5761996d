package com.oxidly.ui.views.importing;

import com.oxidly.domain.importing.ImportJob;
import com.oxidly.domain.importing.ImportJobs;
import com.oxidly.domain.importing.ImportKind;
import com.oxidly.domain.importing.ImportRejectedException;
import com.oxidly.ui.importing.ImportLauncher;
import com.oxidly.ui.importing.RejectionReport;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.io.InputStream;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV import (shared/specs/import-format.md): pick what the file holds, upload it, and follow the
 * jobs. The upload streams straight into a staged job, so a file of any size never sits in memory;
 * a durable workflow applies it, and the job list polls for progress while any job is being
 * applied.
 */
@Route(value = "import", layout = MainLayout.class)
@PageTitle("Import | Oxidly")
@RolesAllowed({"ADMIN", "MARKETER"})
public class ImportView extends VerticalLayout {

  private static final Logger log = LoggerFactory.getLogger(ImportView.class);

  /** Jobs shown, newest first. */
  static final int RECENT = 20;

  /** How often the list refreshes while a job is being applied. */
  static final int POLL_MILLIS = 1_000;

  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

  private final ImportLauncher launcher;
  private final ImportJobs jobs;
  private final String user;

  final Select<ImportKind> kind = new Select<>();
  final Upload upload = new Upload();
  final Div error = new Div();
  final Grid<ImportJob> grid = new Grid<>();

  /** The kind as last picked, for the upload thread, which must not read components unlocked. */
  private volatile ImportKind selectedKind = ImportKind.CUSTOMERS;

  private Registration polling;

  public ImportView(
      ImportLauncher launcher, ImportJobs jobs, AuthenticationContext authentication) {
    this.launcher = launcher;
    this.jobs = jobs;
    this.user = authentication.getPrincipalName().orElse("unknown");
    addClassName("import-view");
    setSizeFull();

    kind.setLabel("The file holds");
    kind.setItems(ImportKind.values());
    kind.setItemLabelGenerator(ImportView::label);
    kind.setValue(selectedKind);
    kind.setHelperText(hint(selectedKind));
    kind.addValueChangeListener(
        e -> {
          selectedKind = e.getValue();
          kind.setHelperText(hint(e.getValue()));
        });

    // RAW sends the file as the request body: no multipart parsing, nothing buffered.
    upload.setUploadFormat(UploadFormat.RAW);
    upload.setAcceptedFileTypes("text/csv", ".csv");
    upload.setDropLabel(new Span("Drop a CSV file here (UTF-8, header row first)"));
    upload.setUploadHandler(
        event -> {
          String problem = receive(selectedKind, event.getInputStream(), event.getFileName());
          if (problem != null) {
            event.reject(problem); // the file shows as failed in the upload list too
          }
        });

    error.addClassNames(LumoUtility.TextColor.ERROR);
    error.getElement().setAttribute("role", "alert");
    error.setVisible(false);

    grid.addColumn(ImportJob::fileName).setHeader("File").setKey("file").setAutoWidth(true);
    grid.addColumn(job -> label(job.kind())).setHeader("Kind").setKey("kind");
    grid.addColumn(ImportJob::createdBy).setHeader("Started by").setKey("user");
    grid.addColumn(job -> STARTED.format(job.createdAt())).setHeader("Started").setKey("started");
    grid.addColumn(job -> job.status().code())
        .setHeader("Status")
        .setKey("status")
        .setTooltipGenerator(ImportJob::message);
    grid.addColumn(new ComponentRenderer<>(ImportView::progress))
        .setHeader("Progress")
        .setKey("progress")
        .setWidth("12em");
    grid.addColumn(job -> COUNT.format(job.inserted()))
        .setHeader("Inserted")
        .setKey("inserted")
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(job -> COUNT.format(job.updated()))
        .setHeader("Updated")
        .setKey("updated")
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(job -> COUNT.format(job.rejected()))
        .setHeader("Rejected")
        .setKey("rejected")
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(new ComponentRenderer<>(this::rejectionsLink))
        .setHeader("Report")
        .setKey("report")
        .setAutoWidth(true);
    grid.setSizeFull();

    add(new H2("Import"), kind, upload, error, new H3("Recent imports"), grid);
  }

  /**
   * Imports an uploaded file: what the upload handler runs, on the upload's own request thread
   * while the file streams in (the session is not locked meanwhile). Afterwards shows the job, or
   * why the file was rejected as a whole.
   *
   * @return why the file was rejected, naming the problem; null when it is being imported
   */
  String receive(ImportKind kind, InputStream csv, String fileName) {
    String problem = null;
    try {
      launcher.start(kind, csv, fileName, user);
    } catch (ImportRejectedException e) {
      problem = e.getMessage();
    } catch (RuntimeException e) {
      log.warn("Import of {} by {} could not start", fileName, user, e);
      problem = "it could not be stored (" + e.getClass().getSimpleName() + "); try again later";
    }
    String shown = problem;
    getUI()
        .ifPresent(
            ui -> {
              try {
                ui.accessSynchronously(() -> showOutcome(fileName, shown));
              } catch (UIDetachedException gone) {
                // The user left the view; the job list shows the outcome next time.
              }
            });
    return problem;
  }

  /**
   * Reads the recent jobs again, and keeps polling while any of them is being applied: a staged or
   * running job changes by itself, a completed, rejected or failed one does not (a failed job only
   * runs again when restarted).
   */
  void refreshJobs() {
    List<ImportJob> recent = jobs.recent(RECENT);
    grid.setItems(recent);
    boolean running = recent.stream().anyMatch(ImportView::beingApplied);
    getUI().ifPresent(ui -> ui.setPollInterval(running ? POLL_MILLIS : -1));
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    polling = event.getUI().addPollListener(poll -> refreshJobs());
    refreshJobs();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    polling.remove();
    event.getUI().setPollInterval(-1);
    super.onDetach(event);
  }

  /** Streams a job's rejected rows as CSV, read from the database as the browser downloads. */
  DownloadHandler rejections(UUID jobId) {
    return event -> {
      event.setFileName(RejectionReport.fileName(jobId));
      event.setContentType(RejectionReport.CONTENT_TYPE);
      RejectionReport.write(jobs, jobId, event.getOutputStream());
    };
  }

  private void showOutcome(String fileName, String problem) {
    error.setText(problem == null ? "" : fileName + " was not imported: " + problem);
    error.setVisible(problem != null);
    refreshJobs();
  }

  private Component rejectionsLink(ImportJob job) {
    if (job.rejected() == 0) {
      return new Span();
    }
    return new Anchor(rejections(job.id()), AttachmentType.DOWNLOAD, "Rejected rows");
  }

  private static Component progress(ImportJob job) {
    double done =
        job.totalRows() == 0
            ? (job.status().isFinal() ? 1 : 0)
            : Math.min(1.0, (double) job.processedRows() / job.totalRows());
    ProgressBar bar = new ProgressBar(0, 1, done);
    Span rows =
        new Span(COUNT.format(job.processedRows()) + " of " + COUNT.format(job.totalRows()));
    rows.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
    return new Div(bar, rows);
  }

  private static boolean beingApplied(ImportJob job) {
    return job.status() == ImportJob.Status.STAGED || job.status() == ImportJob.Status.RUNNING;
  }

  /** "Order items" for order-items. */
  static String label(ImportKind kind) {
    String words = kind.path().replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** The required columns of a kind, in the order of the spec. */
  static String hint(ImportKind kind) {
    String required =
        kind.columns().stream()
            .filter(kind.requiredColumns()::contains)
            .collect(Collectors.joining(", "));
    return "Required columns: "
        + required
        + ". Other columns of the data exchange format are optional"
        + (kind.allowsAttributes() ? "; attr_* columns become custom attributes." : ".");
  }
}
