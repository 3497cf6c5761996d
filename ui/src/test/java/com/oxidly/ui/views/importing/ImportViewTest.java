package com.oxidly.ui.views.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.importing.ImportKind;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** A file through the import view: the job shows, progresses to completed, and reports. */
@OxidlyIntegrationTest
@WithMockUser(username = "marketer", roles = "MARKETER")
class ImportViewTest extends SpringBrowserlessTest {

  static final String PEOPLE =
      """
      email,first_name,last_name,city,country
      view-ada@example.com,Ada,Lovelace,London,GB
      view-alan@example.com,Alan,Turing,Manchester,GB
      not-an-email,Broken,Row,Paris,FR
      """;

  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;

  @BeforeEach
  void indexBuilt() {
    IndexCatchUp.await(index, jdbc);
  }

  /** Other tests count the 300 demo customers: leave the store as it was, in the index too. */
  @AfterEach
  void removeWhatThisTestImported() throws InterruptedException {
    // A job still being applied would fail once its rows are gone.
    for (int attempt = 0;
        attempt < 600
            && jdbc.queryForObject(
                    "select count(*) from import_jobs where file_name like 'view-test-%'"
                        + " and status in ('staged', 'running')",
                    Long.class)
                > 0;
        attempt++) {
      Thread.sleep(100);
    }
    jdbc.update("delete from customers where email like 'view-%@example.com'");
    jdbc.update("delete from import_jobs where file_name like 'view-test-%'");
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void anUploadedFileShowsAsAJobThatCompletesWithItsCounts() throws InterruptedException {
    ImportView view = navigate(ImportView.class);

    assertThat(view.receive(ImportKind.CUSTOMERS, csv(PEOPLE), "view-test-people.csv")).isNull();
    assertThat(view.error.isVisible()).isFalse();
    assertThat(cell(view, "file")).isEqualTo("view-test-people.csv");
    assertThat(cell(view, "kind")).isEqualTo("Customers");
    assertThat(cell(view, "user")).isEqualTo("marketer");

    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!cell(view, "status").equals("completed")) {
      assertThat(cell(view, "status")).isIn("staged", "running");
      assertThat(UI.getCurrent().getPollInterval())
          .as("polls while the job is being applied")
          .isEqualTo(ImportView.POLL_MILLIS);
      assertThat(System.nanoTime()).as("the import completes").isLessThan(deadline);
      Thread.sleep(100);
      view.refreshJobs(); // what each poll does
    }

    assertThat(cell(view, "inserted")).isEqualTo("2");
    assertThat(cell(view, "updated")).isEqualTo("0");
    assertThat(cell(view, "rejected")).isEqualTo("1");
    Div progress = (Div) test(view.grid).getCellComponent(0, "progress");
    assertThat(progress.getChildren().filter(ProgressBar.class::isInstance).findFirst())
        .get()
        .extracting(bar -> ((ProgressBar) bar).getValue())
        .isEqualTo(1.0);
    assertThat(progress.getChildren().filter(Span.class::isInstance).map(c -> ((Span) c).getText()))
        .containsExactly("3 of 3");
    assertThat(test(view.grid).getCellComponent(0, "report")).isInstanceOf(Anchor.class);
    assertThat(download(view, view.grid.getListDataView().getItem(0).id()))
        .startsWith("\uFEFFrow_number,column,reason,email,first_name,last_name,city,country")
        .contains("4,email,")
        .contains("not-an-email");
    assertThat(UI.getCurrent().getPollInterval()).as("no polling once all are done").isEqualTo(-1);
    assertThat(
            jdbc.queryForList(
                "select email from customers where email like 'view-%@example.com'", String.class))
        .containsExactlyInAnyOrder("view-ada@example.com", "view-alan@example.com");
  }

  @Test
  void aFileWithAnUnknownColumnShowsAnErrorNamingTheColumn() {
    ImportView view = navigate(ImportView.class);

    String problem =
        view.receive(
            ImportKind.CUSTOMERS,
            csv("email,first_name,emial\nview-x@example.com,X,y\n"),
            "view-test-typo.csv");

    assertThat(problem).contains("emial");
    assertThat(view.error.isVisible()).isTrue();
    assertThat(view.error.getText())
        .contains("view-test-typo.csv", "emial")
        .doesNotContain("Exception", "\tat ");
    assertThat(cell(view, "status")).as("the attempt is in the history").isEqualTo("rejected");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers where email = 'view-x@example.com'", Long.class))
        .isZero();

    // The next good file clears the error.
    view.receive(ImportKind.CUSTOMERS, csv(PEOPLE), "view-test-people.csv");
    assertThat(view.error.isVisible()).isFalse();
  }

  @Test
  void theUploadComponentStreamsIntoAnImportOfThePickedKind() {
    ImportView view = navigate(ImportView.class);
    view.kind.setValue(ImportKind.PRODUCTS);

    test(view.upload)
        .upload(
            "view-test-products.csv",
            "text/csv",
            "sku,name,category,price,colour\nVIEW-1,Mug,Kitchen,9.90,red\n"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(view.error.getText()).contains("view-test-products.csv", "colour");
    assertThat(cell(view, "kind")).isEqualTo("Products");
    assertThat(cell(view, "status")).isEqualTo("rejected");
  }

  @Test
  void everyKindHintsAtItsRequiredColumns() {
    ImportView view = navigate(ImportView.class);
    assertThat(view.kind.getListDataView().getItems()).containsExactly(ImportKind.values());
    for (ImportKind kind : ImportKind.values()) {
      view.kind.setValue(kind);
      assertThat(view.kind.getHelperText()).contains(kind.requiredColumns());
    }
    assertThat(ImportView.label(ImportKind.ORDER_ITEMS)).isEqualTo("Order items");
  }

  private String cell(ImportView view, String key) {
    var column = view.grid.getColumnByKey(key);
    return test(view.grid).getCellText(0, view.grid.getColumns().indexOf(column));
  }

  /** What the report link downloads, through the view's download handler. */
  private static String download(ImportView view, UUID jobId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VaadinResponse response = Mockito.mock(VaadinResponse.class);
    try {
      Mockito.when(response.getOutputStream()).thenReturn(out);
      view.rejections(jobId)
          .handleDownloadRequest(
              new DownloadEvent(
                  Mockito.mock(VaadinRequest.class),
                  response,
                  VaadinSession.getCurrent(),
                  view.getElement()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
