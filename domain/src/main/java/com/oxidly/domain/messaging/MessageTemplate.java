package com.oxidly.domain.messaging;

/**
 * What a send step says, as Liquid source per part. Email uses subject, html and text; SMS uses
 * text; push uses subject as the title and text as the body; in-app banners use subject and html.
 *
 * @param aiBrief when set and a language model is configured, the model writes a personalised
 *     variant of this template following the brief; without a model the template is used as is
 */
public record MessageTemplate(String subject, String html, String text, String aiBrief) {

  public static MessageTemplate email(String subject, String html, String text) {
    return new MessageTemplate(subject, html, text, null);
  }

  public static MessageTemplate sms(String text) {
    return new MessageTemplate(null, null, text, null);
  }
}
