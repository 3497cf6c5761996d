package com.oxidly.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.journey.Journeys;
import com.oxidly.ui.OxidlyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The builder in a real browser: its cards, paths and forms are plain Divs and free components, so
 * they must render from the pre-compiled bundle without any frontend build.
 */
@OxidlyIntegrationTest
class JourneyBuilderInBrowserTest {

  @LocalServerPort int port;
  @Autowired Journeys journeys;
  @Autowired JdbcTemplate jdbc;

  private long journey;

  @AfterEach
  void removeTheJourney() {
    jdbc.update("delete from journey_versions where journey_id = ?", journey);
    jdbc.update("delete from journeys where journey_id = ?", journey);
  }

  @Test
  void aMarketerSeesTheWinBackJourneyAsCardsAndOpensAStep() {
    long id = journeys.createFromTemplate("win-back", "marketer");
    journey = id;
    try (Browser browser = new Browser(port)) {
      browser.open("/journeys/" + id);
      browser.signIn("marketer", "marketer-test-password");
      browser.waitUntil(
          "the builder to show the split", d -> browser.pageText().contains("A/B split"));
      browser.screenshot("20-journey-template-win-back");
      assertThat(browser.pageText())
          .contains("Trigger", "entering segment at risk", "contacted 90%", "holdout");

      browser.click(browser.find("span", "Send email"));
      browser.waitUntil(
          "the send step's form", d -> browser.pageText().contains("Preview for customer"));
      browser.screenshot("21-journey-template-send-form");
    }
  }
}
