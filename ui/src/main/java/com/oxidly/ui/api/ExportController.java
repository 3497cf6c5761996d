package com.oxidly.ui.api;

import com.oxidly.domain.exporting.CsvExport;
import com.oxidly.domain.importing.ImportKind;
import com.oxidly.domain.nlsearch.Interpretation;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.FieldFilters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV export in the import format, streamed from PostgreSQL: customers matching the same filters as
 * the list, and the other five kinds (limited to the matching customers' rows where they belong to
 * customers). Everything is checked before the first byte is sent, so a bad filter is a 400, not a
 * broken file.
 */
@RestController
@Tag(name = "Export")
class ExportController {

  private final CsvExport export;
  private final JsonMapper json;
  private final Clock clock;
  private final NaturalLanguageSearch language;

  ExportController(CsvExport export, JsonMapper json, Clock clock, NaturalLanguageSearch language) {
    this.export = export;
    this.json = json;
    this.clock = clock;
    this.language = language;
  }

  /** The body of a POSTed export: a customer query tree (absent = every customer). */
  record ExportRequest(CustomerQuery query) {}

  @GetMapping(path = "/api/customers/export", produces = "text/csv")
  @Operation(summary = "Customers as CSV in the import format, optionally filtered")
  @Parameter(
      name = "filter",
      in = ParameterIn.QUERY,
      description = "Field filters as on GET /api/customers (repeatable, all must hold)")
  @Parameter(
      name = "query",
      in = ParameterIn.QUERY,
      description = "A customer query tree as JSON, as POST /api/customers/query takes it")
  @Parameter(
      name = "q",
      in = ParameterIn.QUERY,
      description = "A search sentence, as GET /api/customers/search takes it (conditions only)")
  void customers(HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(ImportKind.CUSTOMERS, filter(request), response);
  }

  @PostMapping(path = "/api/customers/export", produces = "text/csv")
  @Operation(summary = "Customers matching a query tree in the body, as CSV")
  void customersMatching(
      @RequestBody(required = false) ExportRequest body, HttpServletResponse response)
      throws IOException {
    write(
        ImportKind.CUSTOMERS,
        body == null || body.query() == null ? new CustomerQuery.All() : body.query(),
        response);
  }

  @GetMapping(path = "/api/export/{kind}", produces = "text/csv")
  @Operation(
      summary =
          "customers, products, orders, order-items, reviews or interactions as CSV; filter and"
              + " query limit them to the matching customers' rows")
  void kind(@PathVariable String kind, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    write(ImportKind.fromPath(kind), filter(request), response);
  }

  private CustomerQuery filter(HttpServletRequest request) {
    List<CustomerQuery> conditions = new ArrayList<>();
    // Read raw: Spring's list binding would split "Washington, D.C." at the comma.
    String[] filters = request.getParameterValues("filter");
    if (filters != null && filters.length > 0) {
      conditions.add(FieldFilters.parse(List.of(filters)));
    }
    String query = request.getParameter("query");
    if (query != null && !query.isBlank()) {
      try {
        conditions.add(json.readValue(query, CustomerQuery.class));
      } catch (JacksonException e) {
        throw new IllegalArgumentException(
            "query " + JsonProblems.describe(e, "is not a customer query tree"));
      }
    }
    String sentence = request.getParameter("q");
    if (sentence != null && !sentence.isBlank()) {
      Interpretation reading = language.read(sentence).interpretation();
      if (!reading.freeText().isEmpty()) {
        throw new IllegalArgumentException(
            "an export takes the conditions of q only; "
                + reading.freeText()
                + " would rank customers by what they wrote rather than select them: leave"
                + " those words out");
      }
      conditions.add(reading.query());
    }
    return switch (conditions.size()) {
      case 0 -> new CustomerQuery.All();
      case 1 -> conditions.getFirst();
      default -> new CustomerQuery.And(conditions);
    };
  }

  private void write(ImportKind kind, CustomerQuery filter, HttpServletResponse response)
      throws IOException {
    CsvExport.Prepared prepared = export.prepare(kind, filter);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"" + kind.path() + "-" + LocalDate.now(clock) + ".csv\"");
    Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    prepared.writeTo(writer, null);
    writer.flush();
  }
}
