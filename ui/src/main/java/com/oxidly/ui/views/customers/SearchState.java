package com.oxidly.ui.views.customers;

import com.oxidly.domain.nlsearch.Interpretation;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch.Reading;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.ReadableQuery;
import com.vaadin.flow.router.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the customer list shows: the conditions read from a sentence (as edited since), the phrases
 * that rank by what customers wrote, and the words that were not understood.
 *
 * <p>In the URL it is {@code ?q=sentence} while it is exactly what the sentence reads as, so a
 * shared link stays short and readable; once edited it also carries the tree ({@code query}, JSON)
 * and the phrases ({@code text}) and ignored words ({@code ignored}), because re-reading the
 * sentence would undo the edits.
 *
 * @param sentence what was typed, stripped; empty for every customer
 * @param source {@code local} or {@code model}, how the sentence was read; null when not read here
 *     (from an edited link)
 * @param notice why the local parser answered although a model is configured; usually null
 * @param edited whether conditions or phrases were removed or changed since the reading
 */
public record SearchState(
    String sentence,
    CustomerQuery query,
    List<String> freeText,
    List<String> ignored,
    String source,
    String notice,
    boolean edited) {

  static final String SENTENCE = "q";
  static final String TREE = "query";
  static final String FREE_TEXT = "text";
  static final String IGNORED = "ignored";

  public static final SearchState ALL =
      new SearchState("", new CustomerQuery.All(), List.of(), List.of(), null, null, false);

  public SearchState {
    sentence = sentence == null ? "" : sentence.strip();
    freeText = List.copyOf(freeText);
    ignored = List.copyOf(ignored);
  }

  /** The state a fresh reading of {@code sentence} gives. */
  public static SearchState read(String sentence, Reading reading) {
    Interpretation interpretation = reading.interpretation();
    return new SearchState(
        sentence,
        interpretation.query(),
        interpretation.freeText(),
        interpretation.ignored(),
        reading.source(),
        reading.notice(),
        false);
  }

  /**
   * The edited state a link carries, if it carries one; empty when it carries only a sentence to
   * read (or nothing).
   *
   * @throws IllegalArgumentException when the link's tree is not a valid customer query, naming the
   *     problem as the API would
   */
  static Optional<SearchState> fromLink(QueryParameters parameters, JsonMapper json) {
    Optional<String> tree = parameters.getSingleParameter(TREE);
    if (tree.isEmpty()) {
      return Optional.empty();
    }
    CustomerQuery query;
    try {
      query = json.readValue(tree.get(), CustomerQuery.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(problem(e));
    }
    if (query == null) {
      throw new IllegalArgumentException("the link's query is empty");
    }
    return Optional.of(
        new SearchState(
            parameters.getSingleParameter(SENTENCE).orElse(""),
            query,
            parameters.getParameters(FREE_TEXT),
            parameters.getParameters(IGNORED),
            null,
            null,
            true));
  }

  /** The URL query parameters that bring this state back. */
  QueryParameters parameters(JsonMapper json) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (!sentence.isEmpty()) {
      parameters.put(SENTENCE, List.of(sentence));
    }
    if (edited) {
      parameters.put(TREE, List.of(json.writeValueAsString(query)));
      if (!freeText.isEmpty()) {
        parameters.put(FREE_TEXT, freeText);
      }
      if (!ignored.isEmpty()) {
        parameters.put(IGNORED, ignored);
      }
    }
    return new QueryParameters(parameters);
  }

  /** The top-level conditions, one chip each: an {@code and} is several, {@code all} none. */
  public List<CustomerQuery> conditions() {
    return switch (query) {
      case CustomerQuery.All all -> List.of();
      case CustomerQuery.And and -> and.all();
      default -> List.of(query);
    };
  }

  public SearchState withoutCondition(int index) {
    List<CustomerQuery> conditions = new ArrayList<>(conditions());
    conditions.remove(index);
    return withConditions(conditions);
  }

  public SearchState withCondition(int index, CustomerQuery condition) {
    List<CustomerQuery> conditions = new ArrayList<>(conditions());
    conditions.set(index, condition);
    return withConditions(conditions);
  }

  /**
   * This state with {@code group}'s condition made of {@code options}: in place of the group's
   * condition, or added after the others when it has none yet, or removed when nothing is ticked.
   */
  SearchState withFilter(FilterGroup group, List<String> options) {
    List<CustomerQuery> conditions = new ArrayList<>(conditions());
    int at = filterIndex(group);
    if (options.isEmpty()) {
      if (at < 0) {
        return this;
      }
      conditions.remove(at);
    } else if (at >= 0) {
      conditions.set(at, group.condition(options));
    } else {
      conditions.add(group.condition(options));
    }
    return withConditions(conditions);
  }

  /** Where {@code group}'s condition is among the top-level conditions; -1 when it has none. */
  int filterIndex(FilterGroup group) {
    List<CustomerQuery> conditions = conditions();
    for (int i = 0; i < conditions.size(); i++) {
      if (group.ticked(conditions.get(i)).isPresent()) {
        return i;
      }
    }
    return -1;
  }

  SearchState withoutFreeText(int index) {
    List<String> phrases = new ArrayList<>(freeText);
    phrases.remove(index);
    return new SearchState(sentence, query, phrases, ignored, source, notice, true);
  }

  /** Whether the list is ranked by what customers wrote rather than sorted by a column. */
  boolean ranked() {
    return !freeText.isEmpty();
  }

  /** The conditions as the sentence shown back. */
  public String readable() {
    return ReadableQuery.render(query);
  }

  private SearchState withConditions(List<CustomerQuery> conditions) {
    CustomerQuery tree =
        switch (conditions.size()) {
          case 0 -> new CustomerQuery.All();
          case 1 -> conditions.getFirst();
          default -> new CustomerQuery.And(conditions);
        };
    return new SearchState(sentence, tree, freeText, ignored, source, notice, true);
  }

  /**
   * A node's own validation message when it refused the link's tree (Jackson wraps it), else a
   * general one: never a stack trace or a Java class name.
   */
  private static String problem(JacksonException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
        return "the link's query is not valid: " + invalid.getMessage();
      }
    }
    return "the link's query is not a customer query tree";
  }
}
