package com.oxidly.domain.delivery;

import static com.oxidly.domain.delivery.DeliveryFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.ai.LanguageModelTestAccess;
import com.oxidly.domain.delivery.SendOutcome.Status;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.testing.OpenAiStandIn;
import com.oxidly.domain.testing.OpenAiStandIn.Reply;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Personalised variants from a language model (an OpenAI stand-in on localhost). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiVariantTest {

  private final OpenAiStandIn model = new OpenAiStandIn();
  private DeliveryFixture fixture;

  @BeforeAll
  void start() {
    fixture = new DeliveryFixture("aivariant", LanguageModelTestAccess.openAi(model.baseUrl()));
  }

  @AfterAll
  void stop() {
    fixture.close();
    model.close();
  }

  @BeforeEach
  void reset() {
    model.reset();
  }

  private Send sms(String key, UUID customer, String brief) {
    return new Send(
        key,
        "journey:8:v1",
        "ai",
        customer,
        Channel.SMS,
        MessageClass.MARKETING,
        new MessageTemplate(
            null, null, "Hi {{ customer.first_name }}, cart {{ cart_id }} waits", brief),
        Map.of("cart_id", "C-9"),
        NOW);
  }

  @Test
  void withABriefTheModelsVariantIsSentAndCachedPerKey() {
    UUID ada = fixture.customer("ai@example.com", "UTC");
    model.enqueue(
        Reply.content(
            "{\"subject\": \"\", \"html\": \"\", \"text\": \"Ada, your cart C-9 misses you!\"}"));
    Send send = sms("ai-1", ada, "Playful, mention the cart");

    Rendered first =
        fixture.renderer.render(send, DeliveryLog.facts(fixture.jdbc, ada, false).orElseThrow());
    Rendered again =
        fixture.renderer.render(send, DeliveryLog.facts(fixture.jdbc, ada, false).orElseThrow());

    assertThat(first.text()).isEqualTo("Ada, your cart C-9 misses you!");
    assertThat(first.aiVariant()).isTrue();
    assertThat(again).isEqualTo(first);
    assertThat(model.requests()).hasSize(1);
    String asked = model.requests().getFirst().toString();
    assertThat(asked).contains("Playful, mention the cart").contains("Hi Ada, cart C-9 waits");

    assertThat(fixture.delivery.deliver(send).status()).isEqualTo(Status.SENT);
    assertThat(fixture.sms.to("ai-1").getFirst().text())
        .isEqualTo("Ada, your cart C-9 misses you!");
    assertThat(model.requests()).hasSize(1);
  }

  @Test
  void aFailingOrUnusableModelFallsBackToTheTemplate() {
    UUID ada = fixture.customer("ai-fallback@example.com", "UTC");
    UUID bob = fixture.customer("ai-fallback-2@example.com", "UTC");
    model.answerWith(request -> Reply.error(500));
    assertThat(fixture.delivery.deliver(sms("ai-2", ada, "Be brief")).status())
        .isEqualTo(Status.SENT);
    assertThat(fixture.sms.to("ai-2").getFirst().text()).isEqualTo("Hi Ada, cart C-9 waits");

    // An answer without the text the template has is not used either.
    model.answerWith(
        request -> Reply.content("{\"subject\": \"\", \"html\": \"\", \"text\": \"\"}"));
    assertThat(fixture.delivery.deliver(sms("ai-3", bob, "Be brief")).status())
        .isEqualTo(Status.SENT);
    assertThat(fixture.sms.to("ai-3").getFirst().text()).isEqualTo("Hi Ada, cart C-9 waits");
    assertThat(model.requests()).isNotEmpty();
  }

  @Test
  void withoutABriefTheModelIsNotAsked() {
    UUID ada = fixture.customer("ai-none@example.com", "UTC");
    assertThat(fixture.delivery.deliver(sms("ai-4", ada, null)).status()).isEqualTo(Status.SENT);
    assertThat(model.requests()).isEmpty();
  }
}
