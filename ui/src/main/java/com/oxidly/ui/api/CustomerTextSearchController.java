package com.oxidly.ui.api;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.nlsearch.Interpretation;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers found by a sentence: "customers from New York who spent over $500 last month". The
 * reading comes back with the results, so a client shows what was understood and what was not.
 */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
class CustomerTextSearchController {

  private final NaturalLanguageSearch language;
  private final CustomerSearch search;

  CustomerTextSearchController(NaturalLanguageSearch language, CustomerSearch search) {
    this.language = language;
    this.search = search;
  }

  /**
   * @param filters the conditions as a customer query tree (what POST /api/customers/query takes)
   * @param readable the conditions as a sentence
   * @param ignored words that were not understood, as typed
   * @param freeText words matched against what customers wrote, ranking the results
   * @param source {@code local} (Oxidly's parser) or {@code model} (the language model)
   * @param notice why the parser answered although a model is configured, if it did
   */
  record InterpretationResponse(
      CustomerQuery filters,
      String readable,
      List<String> ignored,
      List<String> freeText,
      String source,
      String notice) {}

  record SearchResponse(
      String query,
      InterpretationResponse interpretation,
      long total,
      int page,
      int size,
      List<Customer> items) {}

  @GetMapping("/search")
  @Operation(summary = "Customers matching a sentence, with how it was read")
  SearchResponse search(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) List<String> sort) {
    NaturalLanguageSearch.Reading reading = language.read(q);
    Interpretation interpretation = reading.interpretation();
    CustomerSearch.SearchResult result =
        interpretation.freeText().isEmpty() || (sort != null && !sort.isEmpty())
            ? search.search(interpretation.query(), page, size, sortFields(sort))
            : search.relevant(interpretation.query(), interpretation.freeText(), page, size);
    return new SearchResponse(
        q,
        new InterpretationResponse(
            interpretation.query(),
            interpretation.readable(),
            interpretation.ignored(),
            interpretation.freeText(),
            reading.source(),
            reading.notice()),
        result.total(),
        page,
        size,
        search.customers(result.ids()));
  }

  private static List<CustomerSearch.SortField> sortFields(List<String> sort) {
    if (sort == null) {
      return List.of();
    }
    // Spring splits "a,desc" into two elements; rejoin them as property,direction pairs.
    java.util.ArrayList<CustomerSearch.SortField> fields = new java.util.ArrayList<>();
    for (int i = 0; i < sort.size(); i++) {
      String key = sort.get(i);
      if (i + 1 < sort.size() && sort.get(i + 1).trim().matches("(?i)asc|desc")) {
        key = key + "," + sort.get(++i);
      }
      fields.add(CustomerSearch.SortField.parse(key));
    }
    return fields;
  }
}
