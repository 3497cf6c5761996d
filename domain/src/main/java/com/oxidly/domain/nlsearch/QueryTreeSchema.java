package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.TimeWindow;
import com.oxidly.domain.query.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of a model's reading of a search (a {@code CustomerQuery} tree plus the words it
 * did not use), in the strict subset structured outputs accept: every object lists all its
 * properties as required and allows no others; optional parts are nullable. Derived from the query
 * model's own enums, so a new field or operator reaches the model without editing this.
 */
final class QueryTreeSchema {

  static final String NAME = "customer_search";

  private static final List<String> INTERACTION_TYPES =
      List.of(
          "support_ticket", "chat", "call", "email_reply", "campaign_response", "social_mention");
  private static final List<String> INTERACTION_STATUSES =
      List.of("open", "pending", "resolved", "closed");

  private QueryTreeSchema() {}

  static Map<String, Object> schema() {
    Map<String, Object> defs = new LinkedHashMap<>();
    defs.put("query", Map.of("anyOf", nodes()));
    defs.put("comparison", comparison());
    defs.put("window", Map.of("anyOf", windows()));
    Map<String, Object> root =
        object(
            "query", ref("query"),
            "ignored",
                described(
                    array(Map.of("type", "string")),
                    "words of the sentence that are neither conditions nor fillers"),
            "free_text",
                described(
                    array(Map.of("type", "string")),
                    "words describing what customers wrote (complaints, likes) to search in their"
                        + " reviews and tickets"));
    root.put("$defs", defs);
    return root;
  }

  private static List<Object> nodes() {
    List<Object> nodes = new ArrayList<>();
    nodes.add(object("type", Map.of("const", "all")));
    nodes.add(object("type", Map.of("const", "and"), "all", array(ref("query"))));
    nodes.add(object("type", Map.of("const", "or"), "any", array(ref("query"))));
    nodes.add(object("type", Map.of("const", "not"), "query", ref("query")));
    nodes.add(
        object(
            "type", Map.of("const", "field"),
            "field",
                enumOf(Arrays.stream(CustomerField.values()).map(CustomerField::code).toList()),
            "comparison", ref("comparison")));
    for (String aggregate : List.of("spent", "order_count", "average_order_value")) {
      nodes.add(
          object(
              "type", Map.of("const", aggregate),
              "comparison", ref("comparison"),
              "window", nullable(ref("window"))));
    }
    nodes.add(
        object(
            "type", Map.of("const", "bought"),
            "term", described(Map.of("type", "string"), "a product name or category"),
            "window", nullable(ref("window"))));
    nodes.add(
        object(
            "type", Map.of("const", "reviewed"),
            "rating", nullable(ref("comparison")),
            "sentiment", nullable(enumOf(List.of("negative", "neutral", "positive"))),
            "window", nullable(ref("window"))));
    nodes.add(
        object(
            "type", Map.of("const", "interacted"),
            "interactionType", enumOf(INTERACTION_TYPES),
            "statuses", array(enumOf(INTERACTION_STATUSES)),
            "window", nullable(ref("window"))));
    nodes.add(object("type", Map.of("const", "segment"), "segment", Map.of("type", "string")));
    nodes.add(
        object(
            "type", Map.of("const", "during"),
            "field",
                enumOf(
                    Arrays.stream(CustomerField.values())
                        .filter(field -> field.type() == ValueType.INSTANT)
                        .map(CustomerField::code)
                        .toList()),
            "window", ref("window")));
    return nodes;
  }

  private static Map<String, Object> comparison() {
    return object(
        "op", enumOf(Arrays.stream(Op.values()).map(Op::code).toList()),
        "values", array(Map.of("type", List.of("string", "number", "boolean"))));
  }

  private static List<Object> windows() {
    List<String> units = Arrays.stream(TimeWindow.Unit.values()).map(Enum::name).toList();
    return List.of(
        object(
            "kind", Map.of("const", "calendar"),
            "unit", enumOf(units),
            "offset",
                described(
                    Map.of("type", "integer"),
                    "0 = the current unit so far, -1 = the previous one (last month), ...")),
        object(
            "kind", Map.of("const", "rolling"),
            "amount", Map.of("type", "integer"),
            "unit", enumOf(units)),
        object(
            "kind", Map.of("const", "range"),
            "from", nullable(described(Map.of("type", "string"), "ISO date, inclusive")),
            "until", nullable(described(Map.of("type", "string"), "ISO date, exclusive"))));
  }

  private static Map<String, Object> object(Object... namesAndSchemas) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSchemas.length; i += 2) {
      properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("type", "object");
    object.put("properties", properties);
    object.put("required", List.copyOf(properties.keySet()));
    object.put("additionalProperties", false);
    return object;
  }

  private static Map<String, Object> array(Object items) {
    return Map.of("type", "array", "items", items);
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/$defs/" + name);
  }

  private static Map<String, Object> enumOf(List<String> values) {
    return Map.of("type", "string", "enum", values);
  }

  private static Map<String, Object> nullable(Map<String, Object> schema) {
    return Map.of("anyOf", List.of(schema, Map.of("type", "null")));
  }

  private static Map<String, Object> described(Map<String, Object> schema, String description) {
    Map<String, Object> copy = new LinkedHashMap<>(schema);
    copy.put("description", description);
    return copy;
  }
}
