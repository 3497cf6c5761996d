package com.oxidly.ui.views.journeys;

import com.oxidly.domain.delivery.MessagePreviews;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.messaging.MessageTemplates;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The message of a send step: subject, HTML, text and AI brief as Liquid, the variables a template
 * may use, the template's problems for its channel as the marketer types, and a preview rendered
 * for a real customer by the delivery's own renderer.
 */
final class TemplateEditor extends VerticalLayout {

  /** What every send can use; trigger properties come on top (see {@link #variables}). */
  static final List<String> COMMON_VARIABLES =
      List.of(
          "customer.first_name",
          "customer.last_name",
          "customer.email",
          "customer.phone",
          "customer.city",
          "customer.country",
          "customer.language",
          "customer.total_spent",
          "customer.order_count",
          "customer.persona",
          "customer.tags",
          "customer.attributes.<name>",
          "recommendations (name, sku, category, price, brand)",
          "unsubscribe_url",
          "journey_name");

  final TextField subject = new TextField("Subject");
  final TextArea html = new TextArea("HTML");
  final TextArea text = new TextArea("Text");
  final TextArea aiBrief = new TextArea("AI brief (optional)");
  final Div variables = new Div();
  final Div problems = new Div();
  final TextField previewEmail = new TextField("Preview for customer (email)");
  final Button preview = new Button("Preview", VaadinIcon.EYE.create());
  final Span previewSubject = new Span();
  final IFrame previewHtml = new IFrame();
  final Pre previewText = new Pre();
  final Span previewError = new Span();

  private final MessagePreviews previews;
  private final Supplier<Channel> channel;
  private final Supplier<MessageClass> messageClass;
  private final Map<String, String> triggerVariables;

  /**
   * @param triggerVariables the trigger's properties a template may use (e.g. {@code cart_id}),
   *     with sample values for previews
   */
  TemplateEditor(
      MessageTemplate template,
      Supplier<Channel> channel,
      Supplier<MessageClass> messageClass,
      Map<String, String> triggerVariables,
      MessagePreviews previews) {
    this.channel = channel;
    this.messageClass = messageClass;
    this.triggerVariables = triggerVariables;
    this.previews = previews;
    setPadding(false);
    subject.setId("template-subject");
    html.setId("template-html");
    text.setId("template-text");
    aiBrief.setId("template-ai-brief");
    problems.setId("template-problems");
    MessageTemplate start = template == null ? new MessageTemplate("", "", "", null) : template;
    subject.setValue(nonNull(start.subject()));
    html.setValue(nonNull(start.html()));
    text.setValue(nonNull(start.text()));
    aiBrief.setValue(nonNull(start.aiBrief()));
    for (var area : List.of(html, text, aiBrief)) {
      area.setWidthFull();
      area.setMaxHeight("14em");
    }
    subject.setWidthFull();
    aiBrief.setHelperText("With a language model configured, each customer gets a variant");
    problems.getStyle().set("color", "var(--lumo-error-text-color, #c00)");
    variables.getStyle().set("font-size", "var(--lumo-font-size-xs)");
    List<String> names = new ArrayList<>(COMMON_VARIABLES);
    triggerVariables.keySet().forEach(name -> names.add(name + " (from the trigger)"));
    variables.setText(
        "Liquid variables: "
            + String.join(", ", names.stream().map(n -> "{{ " + n + " }}").toList()));

    previewEmail.setPlaceholder("ada@example.com");
    preview.addClickListener(e -> preview());
    HorizontalLayout previewBar = new HorizontalLayout(previewEmail, preview);
    previewBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    previewHtml.setWidthFull();
    previewHtml.setHeight("16em");
    previewHtml.getStyle().set("border", "1px solid var(--lumo-contrast-20pct, #ccc)");
    // The preview shows the marketer's own HTML; scripts in it must not run inside Oxidly.
    previewHtml.setSandbox(IFrame.SandboxType.RESTRICT_ALL);
    previewHtml.setVisible(false);
    previewText.getStyle().set("white-space", "pre-wrap");
    previewText.setVisible(false);
    previewError.getStyle().set("color", "var(--lumo-error-text-color, #c00)");

    add(subject, html, text, aiBrief, variables, problems, previewBar, previewError);
    add(previewSubject, previewHtml, previewText);
    showFor(channel.get());
  }

  MessageTemplate value() {
    return new MessageTemplate(
        blankToNull(subject.getValue()),
        blankToNull(html.getValue()),
        blankToNull(text.getValue()),
        blankToNull(aiBrief.getValue()));
  }

  /** Shows the parts the channel uses and the template's problems for it. */
  void showFor(Channel current) {
    boolean parts = current != null;
    subject.setVisible(!parts || current != Channel.SMS);
    subject.setLabel(current == Channel.PUSH ? "Title" : "Subject");
    html.setVisible(!parts || current == Channel.EMAIL || current == Channel.IN_APP);
    text.setVisible(!parts || current != Channel.IN_APP);
    List<String> found = MessageTemplates.problems(current, value());
    problems.setText(found.isEmpty() ? "" : "Template: " + String.join("; ", found));
    problems.setVisible(!found.isEmpty());
  }

  void preview() {
    previewError.setText("");
    previewSubject.setText("");
    previewHtml.setVisible(false);
    previewText.setVisible(false);
    try {
      var rendered =
          previews.forCustomer(
              previewEmail.getValue(),
              channel.get(),
              messageClass.get(),
              value(),
              triggerVariables);
      if (rendered.isEmpty()) {
        previewError.setText(
            "No customer has the email '" + previewEmail.getValue().strip() + "'.");
        return;
      }
      MessagePreviews.Preview shown = rendered.get();
      previewSubject.setText(shown.subject() == null ? "" : "Subject: " + shown.subject());
      if (shown.html() != null) {
        previewHtml.setSrcdoc(shown.html());
        previewHtml.setVisible(true);
      }
      if (shown.text() != null) {
        previewText.setText(shown.text());
        previewText.setVisible(true);
      }
    } catch (MessageTemplates.TemplateException
        | IllegalArgumentException
        | NullPointerException e) {
      previewError.setText("Cannot render the preview: " + e.getMessage());
    }
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
