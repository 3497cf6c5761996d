package com.oxidly.domain.persona;

import com.oxidly.domain.ai.JsonRequest;
import com.oxidly.domain.ai.LanguageModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names and describes personas with the language model when one is configured (strict structured
 * output), checking the answer like user input: one entry per persona, names short and unique,
 * descriptions of exactly two sentences. Any error, timeout or unusable answer gives the local
 * names of {@link PersonaNaming} instead: personas are never lost to the model.
 */
final class ModelPersonaNaming {

  private static final Logger log = LoggerFactory.getLogger(ModelPersonaNaming.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final int MAX_NAME = 60;
  static final int MAX_DESCRIPTION = 400;

  /** A sentence ends at . ! or ? followed by white space or the end. */
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of(
              "personas",
              Map.of(
                  "type",
                  "array",
                  "items",
                  Map.of(
                      "type",
                      "object",
                      "properties",
                      Map.of(
                          "index", Map.of("type", "integer"),
                          "name", Map.of("type", "string"),
                          "description", Map.of("type", "string")),
                      "required",
                      List.of("index", "name", "description"),
                      "additionalProperties",
                      false))),
          "required",
          List.of("personas"),
          "additionalProperties",
          false);

  private static final String INSTRUCTIONS =
      """
      You name customer personas of an online store for its marketers. Each persona is a cluster \
      of customers; you get its share of customers and its traits, each with the persona's \
      average, the store's average and the deviation in standard deviations (positive: higher \
      than the store). Give every persona, by its index, a short memorable name of at most five \
      words built from its most distinctive traits (e.g. "Weekend gadget buyers", "Lapsed \
      one-time buyers"), unique among the personas, and a description of exactly two sentences \
      that a marketer can act on. Use only the traits given; never invent facts.\
      """;

  private ModelPersonaNaming() {}

  /** The model's names when it gives usable ones, else the local names; says which in source. */
  static Result name(LanguageModel model, List<PersonaNaming.Profile> profiles) {
    List<PersonaNaming.Named> local = PersonaNaming.name(profiles);
    if (!model.configured()) {
      return new Result(local, "local");
    }
    try {
      String answer =
          model.json(new JsonRequest("personas", INSTRUCTIONS, input(profiles, local), SCHEMA));
      return new Result(accept(JSON.readTree(answer), profiles.size()), model.modelName());
    } catch (RuntimeException e) {
      log.warn("Persona names from the model not used, local names instead: {}", e.getMessage());
      return new Result(local, "local");
    }
  }

  /**
   * Names and who gave them.
   *
   * @param source "local" or the model's name
   */
  record Result(List<PersonaNaming.Named> named, String source) {}

  private static String input(
      List<PersonaNaming.Profile> profiles, List<PersonaNaming.Named> local) {
    List<Map<String, Object>> personas = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i++) {
      PersonaNaming.Profile profile = profiles.get(i);
      Map<String, Object> persona = new LinkedHashMap<>();
      persona.put("index", i);
      persona.put("share_of_customers", Math.round(profile.share() * 1000) / 1000.0);
      persona.put("suggested_name", local.get(i).name());
      List<Map<String, Object>> traits = new ArrayList<>();
      for (PersonaTrait trait : profile.traits()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("trait", trait.label());
        t.put("unit", trait.unit());
        t.put("persona", trait.formatted(trait.value()));
        t.put("store", trait.formatted(trait.storeAverage()));
        t.put("deviation", Math.round(trait.deviation() * 100) / 100.0);
        traits.add(t);
      }
      persona.put("traits", traits);
      personas.add(persona);
    }
    return JSON.writeValueAsString(Map.of("personas", personas));
  }

  /**
   * The answer's names in persona order.
   *
   * @throws IllegalArgumentException naming the first problem
   */
  static List<PersonaNaming.Named> accept(JsonNode answer, int count) {
    JsonNode personas = answer.path("personas");
    if (!personas.isArray() || personas.size() != count) {
      throw new IllegalArgumentException(
          "the answer names " + personas.size() + " personas, not " + count);
    }
    PersonaNaming.Named[] named = new PersonaNaming.Named[count];
    Set<String> names = new HashSet<>();
    for (JsonNode persona : personas) {
      JsonNode index = persona.path("index");
      if (!index.isIntegralNumber() || index.asInt() < 0 || index.asInt() >= count) {
        throw new IllegalArgumentException("the answer has an unknown index " + index);
      }
      if (named[index.asInt()] != null) {
        throw new IllegalArgumentException("the answer names persona " + index + " twice");
      }
      String name = text(persona, "name", MAX_NAME);
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("the answer gives two personas the name " + name);
      }
      String description = text(persona, "description", MAX_DESCRIPTION);
      long sentences = SENTENCE_END.matcher(description).results().count();
      if (sentences != 2 || !SENTENCE_END.matcher(description).find(description.length() - 1)) {
        throw new IllegalArgumentException(
            "the description of " + name + " is not two sentences: " + description);
      }
      named[index.asInt()] = new PersonaNaming.Named(name, description);
    }
    return List.of(named);
  }

  private static String text(JsonNode persona, String field, int max) {
    JsonNode value = persona.path(field);
    String text = value.isString() ? value.asString().strip() : "";
    if (text.isEmpty() || text.length() > max) {
      throw new IllegalArgumentException(
          "the answer's " + field + " is empty or longer than " + max + " characters");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the answer's " + field + " has control characters");
    }
    return text;
  }
}
