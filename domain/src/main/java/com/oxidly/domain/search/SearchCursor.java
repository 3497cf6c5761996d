package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.JsonpDeserializer;
import co.elastic.clients.json.JsonpMapper;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque cursor of {@link CustomerSearch#page(com.oxidly.domain.query.CustomerQuery, List,
 * String, int)}: URL-safe base64 (no padding) of a JSON array whose first element names the sort
 * the cursor was made for and whose other elements are the sort values of the last hit, as
 * Elasticsearch's {@code search_after} takes them back.
 *
 * <p>The sort is in the cursor so that a cursor handed to a search with another sort is refused
 * with a clear message instead of silently starting somewhere arbitrary.
 */
final class SearchCursor {

  private static final JsonpDeserializer<List<FieldValue>> VALUES =
      JsonpDeserializer.arrayDeserializer(FieldValue._DESERIALIZER);

  private SearchCursor() {}

  /**
   * @param sort the sort the values belong to, as {@link #decode} will compare it
   * @param values the sort values of a hit, one per sort key including the uuid tiebreaker
   */
  static String encode(String sort, List<FieldValue> values, JsonpMapper mapper) {
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = mapper.jsonProvider().createGenerator(json)) {
      generator.writeStartArray();
      generator.write(sort);
      for (FieldValue value : values) {
        write(value, generator, mapper);
      }
      generator.writeEnd();
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The sort values in a cursor made for {@code sort} with {@code keys} values.
   *
   * @throws IllegalArgumentException when the cursor is not one {@link #encode} made, or was made
   *     for another sort
   */
  static List<FieldValue> decode(String cursor, String sort, int keys, JsonpMapper mapper) {
    String json;
    try {
      json = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(cursor, "it is not URL-safe base64");
    }
    List<FieldValue> decoded;
    try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(json))) {
      decoded = VALUES.deserialize(parser, mapper);
    } catch (RuntimeException e) { // whatever the JSON parser makes of arbitrary text
      throw malformed(cursor, "it does not hold sort values");
    }
    if (decoded.isEmpty() || !decoded.getFirst().isString()) {
      throw malformed(cursor, "it does not name its sort");
    }
    String madeFor = decoded.getFirst().stringValue();
    if (!madeFor.equals(sort)) {
      throw new IllegalArgumentException(
          "cursor was made for the sort "
              + madeFor
              + ", not "
              + sort
              + "; start again without a cursor");
    }
    List<FieldValue> values = List.copyOf(decoded.subList(1, decoded.size()));
    if (values.size() != keys) {
      throw malformed(cursor, "it holds " + values.size() + " sort values, not " + keys);
    }
    return values;
  }

  private static IllegalArgumentException malformed(String cursor, String why) {
    String shown = cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor;
    return new IllegalArgumentException(
        "malformed cursor '"
            + shown
            + "': "
            + why
            + "; pass back a nextCursor exactly as a page returned it");
  }

  private static void write(FieldValue value, JsonGenerator generator, JsonpMapper mapper) {
    switch (value._kind()) {
      case Null -> generator.writeNull();
      case Long -> generator.write(value.longValue());
      case Boolean -> generator.write(value.booleanValue());
      case String -> generator.write(value.stringValue());
      case Double -> {
        double number = value.doubleValue();
        // JSON has no infinities (what a missing value sorts as); Elasticsearch parses the word.
        if (Double.isFinite(number)) {
          generator.write(number);
        } else {
          generator.write(Double.toString(number));
        }
      }
      case Any -> {
        JsonData any = value.anyValue();
        any.serialize(generator, mapper);
      }
    }
  }
}
