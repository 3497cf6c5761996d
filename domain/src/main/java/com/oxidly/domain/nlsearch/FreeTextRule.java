package com.oxidly.domain.nlsearch;

import java.util.Set;

/**
 * Descriptive phrases that are not conditions, kept for relevance search over reviews and tickets:
 * "complained about late delivery", "loves espresso", "mentioned the app". The phrase runs from its
 * trigger word to the next word the grammar knows (a joint, a condition, a time phrase).
 */
final class FreeTextRule {

  private static final String[] TRIGGERS = {
    "complained about",
    "complaining about",
    "complain about",
    "complains about",
    "complaints about",
    "complaint about",
    "complained of",
    "complaints regarding",
    "talked about",
    "talking about",
    "talks about",
    "asked about",
    "asking about",
    "asks about",
    "wrote about",
    "writing about",
    "care about",
    "cares about",
    "raving about",
    "raved about",
    "interested in",
    "mentioned",
    "mentioning",
    "mentions",
    "mention",
    "loves",
    "love",
    "loved",
    "loving",
    "likes",
    "liked",
    "like",
    "enjoys",
    "enjoyed",
    "enjoy",
    "hates",
    "hated",
    "hate",
    "about",
    "regarding"
  };
  private static final Set<String> NOT_AFTER_TRIGGER = Set.of("to", "the", "a", "an", "this");

  private final Scan scan;
  private final Cursor cursor;

  FreeTextRule(Scan scan) {
    this.scan = scan;
    this.cursor = scan.cursor;
  }

  Item freeText() {
    int start = cursor.pos;
    String trigger = cursor.acceptAny(TRIGGERS);
    if (trigger == null || (trigger.equals("like") && cursor.at("to"))) {
      cursor.pos = start;
      return null;
    }
    int body = cursor.pos;
    while (cursor.accept("the") || cursor.accept("a") || cursor.accept("an")) {
      // articles belong to the phrase
    }
    while (!cursor.atEnd() && !scan.knownAt(cursor.pos) && !punctuation(cursor.peek())) {
      cursor.pos++;
    }
    boolean words = false;
    for (int i = body; i < cursor.pos; i++) {
      words |= !NOT_AFTER_TRIGGER.contains(cursor.tokens.get(i).word());
    }
    if (!words) {
      cursor.pos = start;
      return null;
    }
    return new Item.Free(cursor.text(scan.sentence, start, cursor.pos));
  }

  private static boolean punctuation(Token token) {
    return token.kind() == Token.Kind.SYMBOL && !token.is("-") && !token.is("&");
  }
}
