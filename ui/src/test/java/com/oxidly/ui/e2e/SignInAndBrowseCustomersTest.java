package com.oxidly.ui.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import org.junit.jupiter.api.Test;
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
    try (Browser browser = new Browser(port)) {
      browser.open("/");
      browser.loginForm();
      browser.screenshot("01-login");
      browser.signIn("marketer", "marketer-test-password");

      browser.waitUntil(
          "the customer list to show " + firstEmail, d -> browser.pageText().contains(firstEmail));
      browser.screenshot("02-customer-list");
      assertThat(browser.pageText()).contains("300 customers", "Total spent", firstEmail);
    }
  }
}
