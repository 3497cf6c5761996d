package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reviews, tickets and other interactions: "left a 1-star review", "rated below 3", "with negative
 * reviews", "unhappy customers", "with open support tickets", "opened a ticket last week",
 * "complained", "called us".
 */
final class FeedbackRules {

  private static final String[] REVIEW_VERBS = {
    "who left", "left", "leave", "leaves", "wrote", "write", "writes", "written", "gave", "give",
    "gives", "given", "posted", "post", "submitted", "has", "have", "had", "with", "got"
  };
  private static final String[] REVIEW_NOUNS = {
    "product reviews", "product review", "reviews", "review", "ratings", "rating"
  };
  private static final String[] STARS = {"- stars", "- star", "stars", "star"};
  private static final Map<String, String> SENTIMENTS =
      Map.ofEntries(
          Map.entry("negative", "negative"),
          Map.entry("bad", "negative"),
          Map.entry("poor", "negative"),
          Map.entry("critical", "negative"),
          Map.entry("angry", "negative"),
          Map.entry("positive", "positive"),
          Map.entry("good", "positive"),
          Map.entry("great", "positive"),
          Map.entry("glowing", "positive"),
          Map.entry("favorable", "positive"),
          Map.entry("favourable", "positive"),
          Map.entry("neutral", "neutral"),
          Map.entry("mixed", "neutral"));

  private static final String[] TICKET_NOUNS = {
    "support tickets",
    "support ticket",
    "support cases",
    "support case",
    "support requests",
    "support request",
    "help desk tickets",
    "helpdesk tickets",
    "tickets",
    "ticket",
    "cases",
    "case"
  };
  private static final Map<String, List<String>> TICKET_STATUSES =
      Map.of(
          "open", List.of("open", "pending"),
          "unresolved", List.of("open", "pending"),
          "outstanding", List.of("open", "pending"),
          "active", List.of("open", "pending"),
          "pending", List.of("pending"),
          "resolved", List.of("resolved"),
          "solved", List.of("resolved"),
          "closed", List.of("closed"));
  private static final String[] TICKET_VERBS = {
    "opened",
    "filed",
    "raised",
    "submitted",
    "created",
    "logged",
    "opening",
    "filing",
    "raising",
    "submitting",
    "open",
    "file",
    "raise",
    "submit",
    "create",
    "log"
  };
  private static final Set<String> TOPIC = Set.of("about", "regarding", "over", "of", "that");

  private final Scan scan;
  private final Cursor cursor;

  FeedbackRules(Scan scan) {
    this.scan = scan;
    this.cursor = scan.cursor;
  }

  void register(List<Supplier<Item>> rules) {
    rules.add(this::counted);
    rules.add(this::review);
    rules.add(this::rated);
    rules.add(this::reviewed);
    rules.add(this::mood);
    rules.add(this::tickets);
    rules.add(this::contactedSupport);
    rules.add(this::complained);
    rules.add(this::interactions);
  }

  /**
   * "left a 1-star review", "with negative reviews", "5-star reviews last month", "a review rated
   * below 3", "4+ star ratings", "a bad review".
   */
  private Item review() {
    int start = cursor.pos;
    cursor.acceptAny(REVIEW_VERBS);
    cursor.acceptAny("at least one", "one or more", "any", "a", "an", "some", "one");
    Comparison rating = stars();
    String sentiment = sentiment();
    if (rating == null) {
      rating = stars();
    }
    if (cursor.acceptAny(REVIEW_NOUNS) == null) {
      cursor.pos = start;
      return null;
    }
    if (rating != null) {
      rating = widened(rating);
    }
    if (rating == null) {
      int before = cursor.pos;
      cursor.acceptAny("rated", "with a rating of", "with a rating", "with ratings", "with", "of");
      Quantities.Bound bound = Quantities.comparison(cursor, Quantities.NUMBER, STARS);
      if (bound != null && validRating(bound.values())) {
        rating = bound.comparison();
      } else {
        cursor.pos = before;
      }
    }
    Comparison stars = rating;
    return scan.windowed(window -> new CustomerQuery.Reviewed(stars, sentiment, window));
  }

  /**
   * A number of reviews or tickets: "at least 1 review" and "one or more tickets" say there is one,
   * "0 reviews" and "no more than 0 tickets" that there is none; other counts ("fewer than 2
   * reviews") cannot be expressed and are reported.
   */
  private Item counted() {
    int start = cursor.pos;
    cursor.acceptAny("with", "has", "have", "had");
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.NUMBER);
    if (bound == null || bound.values().size() != 1) {
      cursor.pos = start;
      return null;
    }
    int count = bound.first().intValue();
    Op op = bound.op();
    boolean some = op == Op.GTE && count == 1 || op == Op.GT && count == 0;
    boolean none =
        op == Op.EQ && count == 0 || op == Op.LT && count == 1 || op == Op.LTE && count == 0;
    int at = cursor.pos;
    Item item = review();
    if (item == null) {
      cursor.pos = at;
      item = tickets();
    }
    if (!(item instanceof Item.Cond cond) || cursor.tokens.get(at).is("-")) {
      cursor.pos = start;
      return null;
    }
    if (some) {
      return cond;
    }
    if (none) {
      Item.Cond negated = Item.Cond.windowed(window -> Assembler.not(cond.build.apply(window)));
      negated.window = cond.window;
      return negated;
    }
    return new Item.Unsupported(start, cursor.text(scan.sentence, start, cursor.pos));
  }

  /** "1-star", "five star", "4+ star", "4 or 5 star": a rating before "review". */
  private Comparison stars() {
    int start = cursor.pos;
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.NUMBER);
    if (bound == null) {
      return null;
    }
    List<BigDecimal> values = new ArrayList<>(bound.values());
    Op op = bound.op();
    if (op == Op.EQ && cursor.acceptAny("or", ",") != null) {
      Quantities.Quantity other = Quantities.NUMBER.read(cursor);
      if (other != null) {
        values.add(other.value());
        op = Op.IN;
      }
    }
    if (cursor.acceptAny(STARS) == null || !validRating(values)) {
      cursor.pos = start;
      return null;
    }
    return widened(new Comparison(op, List.copyOf(values)));
  }

  /** "3 stars or lower", "4-star reviews or better": one rating widened to a bound. */
  private Comparison widened(Comparison rating) {
    if (rating.op() != Op.EQ) {
      return rating;
    }
    if (cursor.acceptAny("or lower", "or less", "or below", "or worse", "and below", "or fewer")
        != null) {
      return new Comparison(Op.LTE, rating.values());
    }
    if (cursor.acceptAny("or higher", "or more", "or above", "or better", "and up", "and above")
        != null) {
      return new Comparison(Op.GTE, rating.values());
    }
    return rating;
  }

  private static boolean validRating(List<BigDecimal> values) {
    return values.stream()
        .allMatch(v -> v.compareTo(BigDecimal.ONE) >= 0 && v.compareTo(BigDecimal.valueOf(5)) <= 0);
  }

  private String sentiment() {
    Token token = cursor.peek();
    String sentiment = token == null ? null : SENTIMENTS.get(token.word());
    if (sentiment != null) {
      cursor.pos++;
    }
    return sentiment;
  }

  /** "rated below 3", "rated us 5 stars", "gave a rating of 2 or less". */
  private Item rated() {
    int start = cursor.pos;
    if (cursor.acceptAny(
            "who rated",
            "rated",
            "gave us",
            "gave a rating of",
            "gave ratings of",
            "rating of",
            "rating",
            "ratings")
        == null) {
      return null;
    }
    cursor.acceptAny("us", "a product", "products", "at", "with");
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.NUMBER, STARS);
    if (bound == null
        || !validRating(bound.values())
        || (cursor.tokens.get(start).is("gave") && !bound.unit())) {
      cursor.pos = start;
      return null;
    }
    Comparison rating = bound.comparison();
    return scan.windowed(window -> new CustomerQuery.Reviewed(rating, null, window));
  }

  /** "reviewed", "reviewed a product last month", "reviewers". */
  private Item reviewed() {
    if (cursor.acceptAny("reviewed", "reviewers", "reviewer", "wrote reviews", "write reviews")
        == null) {
      return null;
    }
    cursor.acceptAny("a product", "products", "us", "something");
    return scan.windowed(window -> new CustomerQuery.Reviewed(null, null, window));
  }

  /** "unhappy customers" (sentiment score below 0), "happy", "negative sentiment". */
  private Item mood() {
    int start = cursor.pos;
    Op op;
    if (cursor.acceptAny(
            "unhappy", "dissatisfied", "unsatisfied", "negative sentiment", "upset", "disgruntled")
        != null) {
      op = Op.LT;
    } else if (cursor.acceptAny("happy", "satisfied", "positive sentiment", "delighted") != null) {
      op = Op.GT;
    } else {
      return null;
    }
    if (cursor.at("with")) {
      cursor.pos = start;
      return null;
    }
    return Item.Cond.of(
        new CustomerQuery.Field(CustomerField.SENTIMENT_SCORE, Comparison.of(op, 0)));
  }

  /**
   * "with open support tickets" (open or pending), "pending tickets", "opened a support ticket last
   * week", "resolved or closed cases".
   */
  private Item tickets() {
    int start = cursor.pos;
    boolean opened = cursor.acceptAny(TICKET_VERBS) != null;
    if (opened && cursor.peek(-1).is("open") && !cursor.atAny(Set.of("a", "an", "any"))) {
      // "open tickets": an adjective, not a verb.
      cursor.pos = start;
      opened = false;
    }
    cursor.acceptAny("a", "an", "any", "at least one", "one or more", "some");
    Set<String> statuses = new LinkedHashSet<>();
    if (!opened) {
      List<List<String>> said =
          scan.list(
              () -> {
                Token token = cursor.peek();
                List<String> status = token == null ? null : TICKET_STATUSES.get(token.word());
                if (status != null) {
                  cursor.pos++;
                }
                return status;
              },
              null);
      said.forEach(statuses::addAll);
    }
    if (cursor.acceptAny(TICKET_NOUNS) == null) {
      cursor.pos = start;
      return null;
    }
    int before = cursor.pos;
    if (statuses.isEmpty()
        && cursor.acceptAny(
                "that are still",
                "which are still",
                "that are",
                "which are",
                "that is",
                "still",
                "currently")
            != null) {
      List<String> status = TICKET_STATUSES.get(cursor.atEnd() ? "" : cursor.peek().word());
      if (status != null) {
        cursor.pos++;
        statuses.addAll(status);
      } else {
        cursor.pos = before;
      }
    }
    List<String> chosen = List.copyOf(statuses);
    return scan.windowed(window -> new CustomerQuery.Interacted("support_ticket", chosen, window));
  }

  /** "contacted support", "reached out to customer service". */
  private Item contactedSupport() {
    if (cursor.acceptAny(
            "contacted", "reached out to", "contacting", "called", "emailed", "wrote to", "asked")
        == null) {
      return null;
    }
    if (cursor.acceptAny(
            "customer support",
            "customer service",
            "customer care",
            "support",
            "the help desk",
            "the helpdesk",
            "help desk",
            "helpdesk")
        == null) {
      return null;
    }
    return scan.windowed(
        window -> new CustomerQuery.Interacted("support_ticket", List.of(), window));
  }

  /**
   * "complained", "with complaints": a support ticket or a negative review. "complained about late
   * delivery" is a topic, read as free text instead.
   */
  private Item complained() {
    if (cursor.acceptAny(
            "complained",
            "complain",
            "complains",
            "complaining",
            "complaints",
            "complaint",
            "complainers",
            "filed a complaint",
            "made a complaint",
            "raised a complaint")
        == null) {
      return null;
    }
    if (cursor.atAny(TOPIC)) {
      return null;
    }
    return scan.windowed(
        window ->
            new CustomerQuery.Or(
                List.of(
                    new CustomerQuery.Interacted("support_ticket", List.of(), window),
                    new CustomerQuery.Reviewed(null, "negative", window))));
  }

  /** Calls, chats, email replies, campaign responses, social mentions. */
  private Item interactions() {
    String type;
    if (cursor.acceptAny(
            "phoned us", "phoned", "called us", "phone calls", "phone call", "calls", "a call")
        != null) {
      type = "call";
    } else if (cursor.acceptAny(
            "chatted with us",
            "chatted",
            "used live chat",
            "used chat",
            "live chats",
            "live chat",
            "chats",
            "a chat")
        != null) {
      type = "chat";
    } else if (cursor.acceptAny(
            "replied to an email",
            "replied to our email",
            "replied to our emails",
            "replied to emails",
            "replied to email",
            "email replies",
            "answered an email")
        != null) {
      type = "email_reply";
    } else if (cursor.acceptAny(
            "responded to a campaign",
            "responded to campaigns",
            "responded to our campaign",
            "responded to our campaigns",
            "campaign responses",
            "campaign responders",
            "campaign response")
        != null) {
      type = "campaign_response";
    } else if (cursor.acceptAny(
            "mentioned us on social media",
            "mentioned us on social",
            "mentioned us",
            "social media mentions",
            "social mentions",
            "tagged us")
        != null) {
      type = "social_mention";
    } else {
      return null;
    }
    return scan.windowed(window -> new CustomerQuery.Interacted(type, List.of(), window));
  }
}
