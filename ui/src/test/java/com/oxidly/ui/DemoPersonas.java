package com.oxidly.ui;

import com.oxidly.domain.persona.Personas;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personas on the shared demo store. Tests that compute them forget them afterwards: other tests
 * read the store's vocabulary (persona names are words a sentence may match) and expect none.
 */
public final class DemoPersonas {

  private DemoPersonas() {}

  /** Fits, assigns every customer and makes the model current, as the refresh does; its version. */
  public static long compute(Personas personas) {
    long version = personas.fit().orElseThrow();
    UUID after = null;
    while (true) {
      Personas.AssignedPage page = personas.assignPage(version, after, 1_000);
      if (page.last()) {
        break;
      }
      after = page.lastUuid();
    }
    personas.finish(version);
    return version;
  }

  /** Leaves the demo customers without personas, as they were loaded. */
  public static void forget(JdbcTemplate jdbc) {
    jdbc.update(
        "update customers set persona = null, persona_id = null, version = version + 1"
            + " where persona_id is not null");
    jdbc.update("delete from persona_models");
  }
}
