package com.oxidly.ui.api;

import com.oxidly.domain.events.CustomerEvents;
import com.oxidly.domain.events.EventInput;
import com.oxidly.domain.events.InvalidEventsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events from the store and other services: carts, orders, sign-ups, anything a journey may start
 * from or wait for. Stored first (with their profile changes, in one transaction), then handed to
 * journeys by the relay; accepted means stored, so nothing accepted is lost.
 */
@RestController
@RequestMapping("/api/events")
@Tag(name = "Events")
class EventController {

  private final CustomerEvents events;
  private final JsonMapper json;

  EventController(CustomerEvents events, JsonMapper json) {
    this.events = events;
    this.json = json;
  }

  /**
   * @param id the stored event's id
   * @param duplicate true when the event key was seen before: nothing new was stored
   */
  record Accepted(long id, String eventKey, String customerUuid, boolean duplicate) {}

  record AcceptedBatch(List<Accepted> events) {}

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Record one event or a batch of up to 1,000",
      description =
          "Body: one event {type, customerUuid or email, occurredAt?, eventKey?, properties?,"
              + " profile?} or {events: [...]}. A batch is all or nothing: any bad event refuses"
              + " it with every problem named (events[i].field). The same eventKey twice is one"
              + " event. Correlation keys such as cart_id go in properties.")
  AcceptedBatch record(@RequestBody JsonNode body) {
    List<EventInput> inputs = read(body);
    return new AcceptedBatch(
        events.record(inputs, "api").stream()
            .map(
                r -> new Accepted(r.id(), r.eventKey(), r.customerUuid().toString(), r.duplicate()))
            .toList());
  }

  private List<EventInput> read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw problem(0, "body", "must be an event object or {\"events\": [...]}");
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (body.has("events")) {
      JsonNode list = body.get("events");
      if (!list.isArray()) {
        throw problem(0, "events", "must be an array");
      }
      list.forEach(nodes::add);
    } else {
      nodes.add(body);
    }
    List<EventInput> inputs = new ArrayList<>();
    List<InvalidEventsException.Problem> problems = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      try {
        inputs.add(json.treeToValue(nodes.get(i), EventInput.class));
      } catch (JacksonException e) {
        String field = e.getPath().isEmpty() ? "event" : e.getPath().getLast().getPropertyName();
        problems.add(
            new InvalidEventsException.Problem(
                i, field == null ? "event" : field, "is not valid: " + e.getOriginalMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidEventsException(problems);
    }
    return inputs;
  }

  private static InvalidEventsException problem(int index, String field, String message) {
    return new InvalidEventsException(
        List.of(new InvalidEventsException.Problem(index, field, message)));
  }

  @ExceptionHandler(InvalidEventsException.class)
  ProblemDetail invalid(InvalidEventsException e) {
    boolean unknownCustomer =
        e.problems().stream().allMatch(p -> p.message().startsWith("no customer"));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            unknownCustomer ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
            "No event was stored: " + e.getMessage());
    problem.setTitle(unknownCustomer ? "Unknown customer" : "Invalid events");
    problem.setProperty("errors", e.problems());
    return problem;
  }
}
