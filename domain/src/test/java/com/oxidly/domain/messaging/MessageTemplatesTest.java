package com.oxidly.domain.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

  @Test
  void aValidEmailHasNoProblems() {
    assertThat(
            MessageTemplates.problems(
                Channel.EMAIL,
                MessageTemplate.email(
                    "Hi {{ customer.first_name | capitalize }}",
                    "{% for p in recommendations %}<li>{{ p.name }} {{ p.price }}</li>{% endfor %}",
                    "Hi {{ customer.first_name }}")))
        .isEmpty();
  }

  @Test
  void problemsNameThePartAndWhatIsWrong() {
    List<String> problems =
        MessageTemplates.problems(
            Channel.EMAIL,
            MessageTemplate.email("Hi {{ customer.first_name | shout }}", "<p>{% if %}</p>", null));
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("subject: ").contains("shout");
    assertThat(problems.get(1)).startsWith("html: ");
  }

  @Test
  void eachChannelNeedsItsParts() {
    assertThat(MessageTemplates.problems(Channel.EMAIL, MessageTemplate.email(null, null, null)))
        .containsExactly("subject: missing", "html/text: an email needs an html or a text body");
    assertThat(
            MessageTemplates.problems(
                Channel.SMS, new MessageTemplate("Title", "<p>x</p>", " ", null)))
        .containsExactly("text: missing");
    assertThat(MessageTemplates.problems(Channel.PUSH, MessageTemplate.sms("Body")))
        .containsExactly("subject: missing");
    assertThat(
            MessageTemplates.problems(
                Channel.SMS, MessageTemplate.sms("Hi {{ customer.first_name }}")))
        .isEmpty();
  }

  @Test
  void templatesCannotIncludeFiles() {
    assertThat(
            MessageTemplates.problems(
                Channel.SMS, MessageTemplate.sms("{% include '/etc/passwd' %}")))
        .singleElement()
        .asString()
        .startsWith("text: ");
  }

  @Test
  void renderingUsesTheVariablesAndFailsNamingThePart() {
    assertThat(
            MessageTemplates.render(
                "text",
                "{{ customer.first_name }} has {{ cart_id }}",
                Map.of("customer", Map.of("first_name", "Ada"), "cart_id", "C-1")))
        .isEqualTo("Ada has C-1");
    assertThatThrownBy(() -> MessageTemplates.render("subject", "{{ x | nope }}", Map.of()))
        .isInstanceOf(MessageTemplates.TemplateException.class)
        .hasMessageStartingWith("subject: ");
  }
}
