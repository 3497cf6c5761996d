package com.oxidly.ui.views.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Span;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** A demo customer's dashboard: cards, charts, timeline, and the profile edited in place. */
@OxidlyIntegrationTest
class CustomerDashboardViewTest extends SpringBrowserlessTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  private UUID customer;
  private String city;

  @BeforeEach
  void aCustomerWithOrdersAndReviews() {
    customer =
        jdbc.queryForObject(
            """
            select c.customer_uuid from customers c
             where c.order_count >= 2
               and exists (select 1 from reviews r where r.customer_uuid = c.customer_uuid)
             order by c.customer_uuid limit 1\
            """,
            UUID.class);
    city =
        jdbc.queryForObject(
            "select city from customers where customer_uuid = ?", String.class, customer);
    jdbc.update(
        "insert into deliveries (send_key, source, step_id, customer_uuid, channel, message_class,"
            + " status, reason, decided_at) values ('dashboard-view-sms', 'journey:9:v1', 'nudge',"
            + " ?, 'sms', 'marketing', 'suppressed', 'no_sms_consent', now())",
        customer);
  }

  @AfterEach
  void restore() {
    jdbc.update("delete from deliveries where send_key = 'dashboard-view-sms'");
    jdbc.update("update customers set city = ? where customer_uuid = ?", city, customer);
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void showsWhatTheCustomerIsWorthAndEverythingThatHappened() {
    CustomerDashboardView view = navigate("customers/" + customer, CustomerDashboardView.class);

    BigDecimal spent =
        jdbc.queryForObject(
            "select total_spent from customers where customer_uuid = ?",
            BigDecimal.class,
            customer);
    assertThat(cardTexts(view))
        .contains("Total spent" + NumberFormat.getCurrencyInstance(Locale.US).format(spent));
    assertThat(cardTexts(view)).anySatisfy(text -> assertThat(text).startsWith("Engagement"));
    List<String> charts =
        $(Html.class).from(view.charts).all().stream().map(Html::getInnerHtml).toList();
    assertThat(charts).hasSize(4).noneSatisfy(svg -> assertThat(svg).contains("<script"));
    assertThat(charts.get(0)).contains("<rect", "<title>");
    assertThat(charts.get(1)).contains("<rect");
    assertThat(charts.get(2)).as("one dot per review").contains("<circle");

    int orders =
        jdbc.queryForObject(
            "select count(*) from orders where customer_uuid = ?", Integer.class, customer);
    var timeline = test(view.timeline);
    List<String> titles =
        IntStream.range(0, timeline.size()).mapToObj(i -> timeline.getCellText(i, 1)).toList();
    assertThat(titles.stream().filter(t -> t.startsWith("Order "))).hasSize(orders);
    assertThat(titles).anySatisfy(t -> assertThat(t).startsWith("Review of "));
    int message = titles.indexOf("Sms from journey:9:v1");
    assertThat(timeline.getCellText(message, 2)).isEqualTo("suppressed");
    assertThat(timeline.getCellText(message, 4)).isEqualTo("Reason: no_sms_consent");

    test(view.timelineKind).selectItem("Orders");
    assertThat(test(view.timeline).size()).isEqualTo(orders);
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aMarketerEditsTheProfileAndSeesWhatIsWrongWithABadValue() {
    CustomerDashboardView view = navigate("customers/" + customer, CustomerDashboardView.class);

    test(view.profile.email).setValue("not an email");
    test(view.profile.save).click();

    assertThat(view.profile.email.isInvalid()).isTrue();
    assertThat(view.profile.email.getErrorMessage()).isNotBlank();
    assertThat(view.message.getText()).startsWith("Not saved");

    test(view.profile.email)
        .setValue(
            jdbc.queryForObject(
                "select email from customers where customer_uuid = ?", String.class, customer));
    test(view.profile.city).setValue("Dashboardville");
    test(view.profile.save).click();

    assertThat(view.message.getText()).isEqualTo("Saved: city.");
    assertThat(
            jdbc.queryForObject(
                "select city from customers where customer_uuid = ?", String.class, customer))
        .isEqualTo("Dashboardville");
    assertThat(view.summary.getText()).contains("Dashboardville");
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void aViewerReadsButCannotEdit() {
    CustomerDashboardView view = navigate("customers/" + customer, CustomerDashboardView.class);

    assertThat(view.profile.city.isReadOnly()).isTrue();
    assertThat(view.profile.save.isVisible()).isFalse();
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void anUnknownCustomerIsSaidSo() {
    CustomerDashboardView view =
        navigate("customers/" + UUID.randomUUID(), CustomerDashboardView.class);

    assertThat(view.name.getText()).isEqualTo("No such customer");
    assertThat(view.profile.isVisible()).isFalse();
  }

  private List<String> cardTexts(CustomerDashboardView view) {
    return view.cards
        .getChildren()
        .map(
            card ->
                card.getChildren()
                    .filter(Span.class::isInstance)
                    .map(span -> ((Span) span).getText())
                    .limit(2)
                    .reduce("", String::concat))
        .toList();
  }
}
