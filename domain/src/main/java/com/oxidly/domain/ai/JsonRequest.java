package com.oxidly.domain.ai;

import java.util.Map;
import java.util.Objects;

/**
 * One structured-output request.
 *
 * @param schemaName a short name of the answer's schema, e.g. {@code customer_query}
 * @param instructions the system message: the task, the vocabulary, the rules
 * @param input the user message, e.g. the marketer's sentence
 * @param schema the JSON schema of the answer (strict mode: every object lists all its properties
 *     as required and sets additionalProperties to false)
 */
public record JsonRequest(
    String schemaName, String instructions, String input, Map<String, Object> schema) {

  public JsonRequest {
    Objects.requireNonNull(schemaName, "schemaName");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(input, "input");
    schema = Map.copyOf(Objects.requireNonNull(schema, "schema"));
  }
}
