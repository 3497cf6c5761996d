package com.oxidly.domain.journey;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageTemplate;
import java.util.List;

/** Checks a message template for a channel before publishing: problems, or none. */
@FunctionalInterface
public interface MessageCheck {

  /** Accepts everything; for drafts and tests that do not render. */
  MessageCheck NONE = (channel, template) -> List.of();

  List<String> problems(Channel channel, MessageTemplate template);
}
