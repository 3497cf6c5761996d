package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.CustomerQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dev set: sentences as marketers write them, each with the query tree it must give (and the
 * words it must report as ignored or free text; none when not listed), read against {@link
 * NlFixtures}. Every sentence must match exactly.
 */
class NlDevSetTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One sentence of the dev set and what it must give. */
  record Case(
      int line,
      String text,
      CustomerQuery expected,
      List<String> ignored,
      List<String> freeText,
      String note) {}

  static List<Case> devSet() {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = NlDevSetTest.class.getResourceAsStream("/nlsearch/dev-set.jsonl");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        cases.add(
            new Case(
                number,
                node.get("text").asString(),
                JSON.treeToValue(node.get("expected"), CustomerQuery.class),
                strings(node.get("ignored")),
                strings(node.get("freeText")),
                node.has("note") ? node.get("note").asString() : null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.asString()));
    }
    return values;
  }

  /** A report line for each sentence that does not give what it must. */
  static List<String> failures(List<Case> cases) {
    CustomerSearchParser parser = new CustomerSearchParser();
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      Interpretation got =
          parser.parse(c.text(), NlFixtures.VOCABULARY, NlFixtures.NOW, NlFixtures.ZONE);
      boolean tree = got.query().equals(c.expected());
      boolean ignored = got.ignored().equals(c.ignored());
      boolean free = got.freeText().equals(c.freeText());
      if (!tree || !ignored || !free) {
        StringBuilder report =
            new StringBuilder("line ")
                .append(c.line())
                .append(": \"")
                .append(c.text())
                .append("\"");
        if (!tree) {
          report
              .append("\n  expected ")
              .append(JSON.writeValueAsString(c.expected()))
              .append("\n  got      ")
              .append(JSON.writeValueAsString(got.query()))
              .append("\n  (reads   ")
              .append(got.readable())
              .append(")");
        }
        if (!ignored) {
          report
              .append("\n  ignored expected ")
              .append(c.ignored())
              .append(" got ")
              .append(got.ignored());
        }
        if (!free) {
          report
              .append("\n  free text expected ")
              .append(c.freeText())
              .append(" got ")
              .append(got.freeText());
        }
        failures.add(report.toString());
      }
    }
    return failures;
  }

  @Test
  void everySentenceGivesItsExpectedTree() {
    List<Case> cases = devSet();
    List<String> failures = failures(cases);
    double rate = 100.0 * (cases.size() - failures.size()) / cases.size();
    System.out.printf(
        "dev set: %d of %d sentences exact (%.1f%%)%n",
        cases.size() - failures.size(), cases.size(), rate);
    failures.forEach(System.out::println);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(160);
    assertThat(failures).as("sentences that do not give their expected tree").isEmpty();
  }

  @Test
  void everyReadingIsShownAsASentence() {
    CustomerSearchParser parser = new CustomerSearchParser();
    for (Case c : devSet()) {
      Interpretation got =
          parser.parse(c.text(), NlFixtures.VOCABULARY, NlFixtures.NOW, NlFixtures.ZONE);
      assertThat(got.readable()).as(c.text()).isNotBlank();
    }
  }
}
