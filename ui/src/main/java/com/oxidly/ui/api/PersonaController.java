package com.oxidly.ui.api;

import com.oxidly.domain.persona.PersonaModel;
import com.oxidly.domain.persona.Personas;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The current personas, as cards: who they are, how many, and their traits against the store. */
@RestController
@Tag(name = "Analytics")
class PersonaController {

  private final Personas personas;

  PersonaController(Personas personas) {
    this.personas = personas;
  }

  @GetMapping("/api/analytics/personas")
  @Operation(
      summary = "The current personas",
      description =
          "The newest persona model every customer has been assigned by: k (chosen by mean"
              + " silhouette), and per persona its name, two-sentence description, size, share of"
              + " customers and traits (value against the store average, deviation in standard"
              + " deviations, most distinctive first). Customers carry their persona's name in"
              + " 'persona'. Personas are refitted by the analytics refresh"
              + " (POST /api/analytics/refresh); 404 before the first one.")
  PersonaModel current() {
    return personas
        .current()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no personas yet: they are computed by the analytics refresh"
                        + " (POST /api/analytics/refresh)"));
  }
}
