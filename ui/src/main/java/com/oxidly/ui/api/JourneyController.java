package com.oxidly.ui.api;

import com.oxidly.domain.events.CustomerEvents;
import com.oxidly.domain.events.EventInput;
import com.oxidly.domain.journey.InvalidJourneyException;
import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyJson;
import com.oxidly.domain.journey.JourneyNotFoundException;
import com.oxidly.domain.journey.JourneyRuns;
import com.oxidly.domain.journey.JourneyTemplates;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.journey.Journeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Journeys: drafts, published versions, pausing new entries, manual enrolment, and where each
 * customer is in them.
 */
@RestController
@Tag(name = "Journeys")
class JourneyController {

  private final Journeys journeys;
  private final JourneyRuns runs;
  private final CustomerEvents events;

  JourneyController(Journeys journeys, JourneyRuns runs, CustomerEvents events) {
    this.journeys = journeys;
    this.runs = runs;
    this.events = events;
  }

  record JourneyView(Journeys.JourneySummary summary, JourneyDefinition draft) {}

  record Published(long id, int version) {}

  /**
   * @param customers customer uuids or emails
   */
  record Enrolment(List<String> customers) {}

  record Enrolled(int enrolled) {}

  @GetMapping("/api/journeys")
  List<Journeys.JourneySummary> list() {
    return journeys.list();
  }

  @GetMapping("/api/journeys/templates")
  @Operation(summary = "The shipped journey templates, to start a draft from")
  Map<String, JourneyDefinition> templates() {
    Map<String, JourneyDefinition> templates = new java.util.LinkedHashMap<>();
    JourneyTemplates.keys().forEach(key -> templates.put(key, JourneyTemplates.template(key)));
    return templates;
  }

  @PostMapping("/api/journeys")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a journey draft",
      description =
          "Body: a journey definition (JSON), or empty with ?template=abandoned-cart (see"
              + " /api/journeys/templates). Drafts may be incomplete; publishing validates.")
  JourneyView create(
      @RequestBody(required = false) String body,
      @RequestParam(required = false) String template,
      Principal principal) {
    long id =
        template != null
            ? journeys.createFromTemplate(template, principal.getName())
            : journeys.create(parse(body), principal.getName());
    return view(id);
  }

  @GetMapping("/api/journeys/{id}")
  JourneyView get(@PathVariable long id) {
    return view(id);
  }

  @PutMapping("/api/journeys/{id}/draft")
  JourneyView saveDraft(@PathVariable long id, @RequestBody String body, Principal principal) {
    journeys.saveDraft(id, parse(body), principal.getName());
    return view(id);
  }

  @PostMapping("/api/journeys/{id}/publish")
  @Operation(
      summary = "Publish the draft as a new version",
      description =
          "Customers already in the journey stay on their version; new entries take this one."
              + " 422 with every problem (per step) when the draft cannot be published.")
  Published publish(@PathVariable long id, Principal principal) {
    return new Published(id, journeys.publish(id, principal.getName()));
  }

  @PostMapping("/api/journeys/{id}/pause")
  JourneyView pause(@PathVariable long id) {
    journeys.setAcceptingEntries(id, false);
    return view(id);
  }

  @PostMapping("/api/journeys/{id}/resume")
  JourneyView resume(@PathVariable long id) {
    journeys.setAcceptingEntries(id, true);
    return view(id);
  }

  @GetMapping("/api/journeys/{id}/versions/{version}")
  JourneyDefinition version(@PathVariable long id, @PathVariable int version) {
    return journeys.version(id, version);
  }

  @PostMapping("/api/journeys/{id}/enrolments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Enrol customers by hand (journeys with a manual trigger)",
      description = "Each enrolment is stored as a journey_enrolled event and relayed like any.")
  Enrolled enrol(@PathVariable long id, @RequestBody Enrolment enrolment) {
    journeys.summary(id).orElseThrow(() -> new JourneyNotFoundException(id));
    if (enrolment == null || enrolment.customers() == null || enrolment.customers().isEmpty()) {
      throw new IllegalArgumentException("customers must list at least one uuid or email");
    }
    List<EventInput> inputs = new ArrayList<>();
    for (String customer : enrolment.customers()) {
      boolean uuid = customer != null && customer.length() == 36 && customer.contains("-");
      inputs.add(
          new EventInput(
              null,
              JourneyTrigger.ENROLLED,
              uuid ? customer : null,
              uuid ? null : customer,
              null,
              Map.of("journey_id", String.valueOf(id)),
              null));
    }
    return new Enrolled(events.record(inputs, "api").size());
  }

  @GetMapping("/api/customers/{uuid}/journeys")
  @Operation(
      summary = "Where a customer is in journeys, and why",
      description =
          "Every run, newest first, with each step taken and its outcome (sent, suppressed with"
              + " the reason, waited, branch taken).")
  List<JourneyRuns.RunView> customerJourneys(@PathVariable UUID uuid) {
    return runs.runsOf(uuid);
  }

  private JourneyView view(long id) {
    return new JourneyView(
        journeys.summary(id).orElseThrow(() -> new JourneyNotFoundException(id)),
        journeys.draft(id));
  }

  private static JourneyDefinition parse(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidJourneyException(
          List.of(
              new com.oxidly.domain.journey.JourneyProblem(
                  null, "body must be a journey definition, or use ?template=")));
    }
    return JourneyJson.parse(body);
  }

  @ExceptionHandler(InvalidJourneyException.class)
  ProblemDetail invalid(InvalidJourneyException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    problem.setTitle("Invalid journey");
    problem.setProperty("problems", e.problems());
    return problem;
  }

  @ExceptionHandler(JourneyNotFoundException.class)
  ProblemDetail notFound(JourneyNotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }
}
