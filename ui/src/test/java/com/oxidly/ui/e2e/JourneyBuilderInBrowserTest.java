package com.oxidly.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.journey.Journeys;
import com.oxidly.ui.OxidlyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
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
    try (Browser browser = new Browser()) {
      browser.driver.get("http://127.0.0.1:" + port + "/journeys/" + id);
      var wait = browser.waitUpTo(Duration.ofSeconds(60));
      WebElement username =
          wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
      username.sendKeys("marketer");
      browser
          .driver
          .findElement(By.cssSelector("input[name='password']"))
          .sendKeys("marketer-test-password", Keys.ENTER);
      try {
        wait.until(d -> pageText(d).contains("A/B split"));
      } catch (org.openqa.selenium.TimeoutException e) {
        browser.screenshot("failed-journey-builder");
        throw new AssertionError(
            "The builder did not show; page said: " + pageText(browser.driver), e);
      }
      browser.screenshot("10-journey-builder");
      String text = pageText(browser.driver);
      assertThat(text).contains("Trigger", "entering segment at risk", "contacted 90%", "holdout");

      WebElement send = browser.driver.findElement(By.xpath("//span[text()='Send email']"));
      ((JavascriptExecutor) browser.driver)
          .executeScript(
              "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", send);
      wait.until(d -> pageText(d).contains("Preview for customer"));
      browser.screenshot("11-journey-builder-send-form");
    }
  }

  private static String pageText(org.openqa.selenium.WebDriver driver) {
    return (String) ((JavascriptExecutor) driver).executeScript("return document.body.innerText");
  }
}
