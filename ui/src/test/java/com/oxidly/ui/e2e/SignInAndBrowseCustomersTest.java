package com.oxidly.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A marketer signs in with a real browser and sees the demo customers. */
@OxidlyIntegrationTest
class SignInAndBrowseCustomersTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aMarketerSignsInAndSeesTheCustomerList() {
    String firstEmail =
        jdbc.queryForObject(
            "select email from customers order by last_name, first_name, customer_uuid limit 1",
            String.class);
    try (Browser browser = new Browser()) {
      browser.driver.get("http://127.0.0.1:" + port + "/");
      var wait = browser.waitUpTo(Duration.ofSeconds(60));

      WebElement username =
          wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
      browser.screenshot("01-login");
      username.sendKeys("marketer");
      WebElement password = browser.driver.findElement(By.cssSelector("input[name='password']"));
      password.sendKeys("marketer-test-password", Keys.ENTER);

      try {
        wait.until(d -> pageText(d).contains(firstEmail));
      } catch (org.openqa.selenium.TimeoutException e) {
        browser.screenshot("failed-customer-list");
        throw new AssertionError(
            "The customer list did not show "
                + firstEmail
                + "; page said: "
                + pageText(browser.driver),
            e);
      }
      browser.screenshot("02-customer-list");
      String text = pageText(browser.driver);
      assertThat(text).contains("300 customers", "Total spent", firstEmail);
    }
  }

  /** Text of the page including grid cells, which Vaadin renders into light-DOM slots. */
  private static String pageText(org.openqa.selenium.WebDriver driver) {
    return (String) ((JavascriptExecutor) driver).executeScript("return document.body.innerText");
  }
}
