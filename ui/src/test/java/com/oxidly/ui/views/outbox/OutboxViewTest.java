package com.oxidly.ui.views.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.delivery.Outbox;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Pre;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** The Dev Outbox lists sent messages of every channel, filters them and shows their content. */
@OxidlyIntegrationTest
@WithMockUser(username = "marketer", roles = "MARKETER")
class OutboxViewTest extends SpringBrowserlessTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerIndex index;
  private final UUID customer = UUID.randomUUID();

  @BeforeEach
  void messages() {
    jdbc.update(
        "insert into customers (customer_uuid, email, first_name, phone, signup_date)"
            + " values (?, 'outbox-view@example.com', 'Olive', '+14155550999', now())",
        customer);
    jdbc.update(
        "insert into deliveries (send_key, source, customer_uuid, channel, message_class, status,"
            + " decided_at, sent_at, recipient, subject, body_html, body_text)"
            + " values ('outbox-view-email', 'campaign:1', ?, 'email', 'marketing', 'sent',"
            + " now(), now() - interval '1 minute', 'outbox-view@example.com', 'Outbox hello',"
            + " '<p>Hello Olive</p>', 'Hello Olive')",
        customer);
    jdbc.update(
        "insert into local_provider_messages (provider, message_id, recipient, customer_uuid, body,"
            + " payload) values ('sms', 'SM-outbox-view', '+14155550999', ?, 'Olive, your cart',"
            + " '{}')",
        customer);
  }

  @AfterEach
  void clean() {
    jdbc.update("delete from local_provider_messages where message_id = 'SM-outbox-view'");
    jdbc.update("delete from customers where customer_uuid = ?", customer);
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void messagesOfEveryChannelShowNewestFirstAndFilterAndOpen() {
    OutboxView view = navigate(OutboxView.class);
    view.customer.setValue("outbox-view@");

    List<Outbox.Entry> shown = view.grid.getGenericDataView().getItems().toList();
    assertThat(shown).extracting(Outbox.Entry::channel).containsExactly(Channel.SMS, Channel.EMAIL);

    view.channel.setValue(Channel.EMAIL);
    shown = view.grid.getGenericDataView().getItems().toList();
    assertThat(shown).singleElement().extracting(Outbox.Entry::subject).isEqualTo("Outbox hello");

    view.grid.select(shown.getFirst());
    assertThat(view.detail.getChildren().filter(IFrame.class::isInstance)).hasSize(1);
    assertThat(
            view.detail.getChildren().filter(Pre.class::isInstance).map(c -> ((Pre) c).getText()))
        .containsExactly("Hello Olive");
  }
}
