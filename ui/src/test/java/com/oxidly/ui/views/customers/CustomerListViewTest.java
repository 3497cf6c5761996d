package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.views.login.LoginView;
import com.vaadin.browserless.SpringBrowserlessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;

@OxidlyIntegrationTest
class CustomerListViewTest extends SpringBrowserlessTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void showsEveryCustomerPagedFromTheServer() {
    CustomerListView view = navigate(CustomerListView.class);

    assertThat(test(view.grid).size()).isEqualTo(300);
    assertThat(view.total.getText()).isEqualTo("300 customers");
    String firstByName =
        jdbc.queryForObject(
            "select email from customers order by last_name, first_name, customer_uuid limit 1",
            String.class);
    assertThat(test(view.grid).getCellText(0, 1)).isEqualTo(firstByName);
  }

  @Test
  @WithAnonymousUser
  void sendsAnonymousVisitorsToTheLoginView() {
    navigate("customers", LoginView.class);
    assertThat(getCurrentView()).isInstanceOf(LoginView.class);
  }
}
