package com.oxidly.domain.demo;

import com.oxidly.domain.demo.Catalog.Category;
import java.util.SplittableRandom;

/**
 * Review and interaction wording, composed from parts so that thousands of reviews do not repeat
 * verbatim. The tone always follows the rating, because the sentiment module and the "unhappy
 * customers" demos are judged on it: every 5-star review carries one of {@link #POSITIVE_MARKERS},
 * every 1-2-star review one of {@link #NEGATIVE_MARKERS}, and neither kind carries the other's.
 */
final class Texts {

  /** Words that occur in every 5-star review and in no 1-3-star review (whole words). */
  static final String[] POSITIVE_MARKERS = {
    "love", "excellent", "fantastic", "amazing", "perfect", "recommend", "wonderful", "best"
  };

  /** Words that occur in every 1-2-star review and in no 4-5-star review (whole words). */
  static final String[] NEGATIVE_MARKERS = {
    "disappointed", "terrible", "poor", "broken", "late", "awful", "refund", "waste", "worst", "bad"
  };

  record Review(String title, String body) {}

  record Interaction(String subject, String body) {}

  private static final String[] POSITIVE_TITLES = {
    "Love it!",
    "Excellent quality",
    "Fantastic purchase",
    "Perfect, exactly as described",
    "Best buy this year",
    "Wonderful \"little luxury\"",
    "Highly recommend"
  };
  private static final String[] POSITIVE_OPENERS = {
    "Absolutely love this %s.",
    "Excellent %s, exactly as described.",
    "Fantastic purchase, the %s is even better than I hoped.",
    "The best %s I have owned.",
    "Perfect %s, and the price is fair."
  };
  private static final String[] POSITIVE_DELIVERY = {
    "Delivery was fast and the parcel was well packed.",
    "Arrived two days early, nicely wrapped.",
    "Shipping was quick, and the tracking was accurate.",
    ""
  };
  private static final String[] POSITIVE_CLOSERS = {
    "Highly recommend!",
    "Will definitely order again.",
    "Five stars from me.",
    "Already ordered a second one as a gift.",
    ""
  };

  private static final String[] GOOD_TITLES = {
    "Very good", "Really nice", "Good value", "Happy with it", "Solid choice"
  };
  private static final String[] GOOD_CAVEATS = {
    "Shipping took a little longer than expected, but nothing serious.",
    "Wish it came in more colours.",
    "Slightly pricey, though you get what you pay for.",
    "The packaging could use less plastic.",
    ""
  };

  private static final String[] NEUTRAL_TITLES = {
    "It's okay", "Average", "Mixed feelings", "Does the job", "Nothing special"
  };
  private static final String[] NEUTRAL_BODIES = {
    "Decent %s, nothing special. Does the job, but I expected a bit more for the price.",
    "The %s is okay. Some things are nice, others not so much.",
    "Average %s. It works, I just would not call it a highlight.",
    "Mixed feelings about this %s: quality is fine, the design less so."
  };

  private static final String[] NEGATIVE_TITLES = {
    "Disappointed",
    "Arrived broken",
    "Poor quality",
    "Late delivery, bad experience",
    "Not as described - poor value",
    "Waste of money",
    "Terrible \"customer care\""
  };
  private static final String[] NEGATIVE_OPENERS = {
    "Very disappointed with this %s.",
    "Terrible experience with the %s.",
    "Poor quality %s, a waste of money.",
    "Worst %s I have bought online."
  };
  private static final String[] NEGATIVE_DELIVERY = {
    "Delivery was two weeks late and nobody told me why.",
    "The parcel arrived late and the box was crushed.",
    "It arrived broken, the packaging was poor.",
    ""
  };
  private static final String[] NEGATIVE_SUPPORT = {
    "Customer support was poor and never answered my emails.",
    "I asked for a refund and I am still waiting.",
    "Support told me to \"be patient\", which did not help.",
    ""
  };
  private static final String[] NEGATIVE_CLOSERS = {"Would not buy again.", "Avoid.", ""};

  private Texts() {}

  static Review review(SplittableRandom random, int rating, Category category, String item) {
    StringBuilder body = new StringBuilder(220);
    String title;
    switch (rating) {
      case 5 -> {
        title = DemoRandom.pick(random, POSITIVE_TITLES);
        sentence(body, String.format(DemoRandom.pick(random, POSITIVE_OPENERS), item));
        sentence(body, praise(random, category));
        paragraph(random, body);
        sentence(body, DemoRandom.pick(random, POSITIVE_DELIVERY));
        sentence(body, DemoRandom.pick(random, POSITIVE_CLOSERS));
      }
      case 4 -> {
        title = DemoRandom.pick(random, GOOD_TITLES);
        sentence(body, "Really nice " + item + ".");
        sentence(body, praise(random, category));
        paragraph(random, body);
        sentence(body, DemoRandom.pick(random, GOOD_CAVEATS));
      }
      case 3 -> {
        title = DemoRandom.pick(random, NEUTRAL_TITLES);
        sentence(body, String.format(DemoRandom.pick(random, NEUTRAL_BODIES), item));
      }
      default -> {
        title = DemoRandom.pick(random, NEGATIVE_TITLES);
        sentence(body, String.format(DemoRandom.pick(random, NEGATIVE_OPENERS), item));
        sentence(body, complaint(random, category));
        paragraph(random, body);
        sentence(body, DemoRandom.pick(random, NEGATIVE_DELIVERY));
        sentence(body, DemoRandom.pick(random, NEGATIVE_SUPPORT));
        sentence(body, DemoRandom.pick(random, NEGATIVE_CLOSERS));
      }
    }
    return new Review(title, body.toString().strip());
  }

  private static String praise(SplittableRandom random, Category category) {
    return switch (category) {
      case COFFEE ->
          DemoRandom.pick(
              random,
              new String[] {
                "The aroma is wonderful, the taste rich and smooth, never bitter.",
                "Lovely crema and a sweet, nutty taste.",
                "Tastes fresh, clearly roasted recently."
              });
      case TEA ->
          DemoRandom.pick(
              random,
              new String[] {
                "Fragrant, fresh leaves and a lovely taste.",
                "Smooth taste, lasts for several brews."
              });
      case KITCHEN -> "Solid build quality, easy to clean, and it looks great on the counter.";
      case ELECTRONICS -> "Works flawlessly and the battery lasts for days.";
      case BOOKS -> "A great read, beautifully written and full of useful tips.";
      case OUTDOOR -> "Held up well on a rainy weekend hike, comfortable and light.";
      case BEAUTY -> "My skin feels soft and the scent is subtle.";
      case TOYS -> "The kids play with it every day, and it feels sturdy.";
      case FASHION -> "Fits well, the fabric is soft, and the colour is true to the photos.";
      case HOME -> "Looks beautiful in our living room, good quality for the price.";
    };
  }

  private static String complaint(SplittableRandom random, Category category) {
    return switch (category) {
      case COFFEE ->
          DemoRandom.pick(
              random,
              new String[] {
                "The beans tasted stale and bitter, a bad taste I could not fix with any grind.",
                "Bad taste, flat and sour, not fresh at all."
              });
      case TEA -> "Bland, dusty taste; I think I got a bad batch.";
      case KITCHEN -> "It arrived broken, with a cracked handle and a dent in the side.";
      case ELECTRONICS -> "Stopped working after a week and the battery life is awful.";
      case BOOKS -> "Pages were damaged and the binding is broken.";
      case OUTDOOR -> "The zip broke on the first trip and the seams leak.";
      case BEAUTY -> "It gave me a rash and smells awful.";
      case TOYS -> "Pieces were missing and one part was broken out of the box.";
      case FASHION -> "Poor stitching, and it shrank after one wash.";
      case HOME -> "Arrived broken, the glaze chipped and the packaging was poor.";
    };
  }

  /** Some bodies span paragraphs: the CSV path must carry line breaks intact. */
  private static void paragraph(SplittableRandom random, StringBuilder body) {
    if (random.nextInt(5) == 0 && !body.isEmpty()) {
      body.append('\n');
    }
  }

  private static void sentence(StringBuilder body, String sentence) {
    if (sentence.isEmpty()) {
      return;
    }
    if (!body.isEmpty() && body.charAt(body.length() - 1) != '\n') {
      body.append(' ');
    }
    body.append(sentence);
  }

  static Interaction lateDelivery(SplittableRandom random, String orderId) {
    return new Interaction(
        DemoRandom.pick(
            random,
            new String[] {
              "Where is my order " + orderId + "?",
              "Order " + orderId + " is late",
              "Delivery delayed: " + orderId
            }),
        DemoRandom.pick(
            random,
            new String[] {
              "Hi, my order "
                  + orderId
                  + " was due days ago and the tracking hasn't moved since. Can you check, please?",
              "Hello,\nthe parcel for order "
                  + orderId
                  + " still hasn't arrived. I need it for a birthday, what can you do?",
              "Still waiting for " + orderId + ". The courier says \"address unknown\"."
            }));
  }

  static Interaction refund(SplittableRandom random, String orderId) {
    return new Interaction(
        "Refund request for order " + orderId,
        DemoRandom.pick(
            random,
            new String[] {
              "I sent the item back last week, when will the refund reach my card?",
              "Please refund order " + orderId + ", it is not what I ordered.",
              "The refund for " + orderId + " is still missing, it has been 10 days."
            }));
  }

  static Interaction damaged(SplittableRandom random, String orderId, String product) {
    return new Interaction(
        "Item arrived damaged",
        DemoRandom.pick(
                random,
                new String[] {
                  "The %s in order %s arrived damaged, the box was crushed. Can you send a"
                      + " replacement?",
                  "Unpacked the %s from order %s today: cracked. Photos attached.",
                  "My %s (order %s) is damaged, one side is dented."
                })
            .formatted(product, orderId));
  }

  private static final String[][] ACCOUNT = {
    {"Can't log in to my account", "The password reset e-mail never arrives. I checked spam too."},
    {"Please update my e-mail address", "I have a new address, please move my account to it."},
    {"Delete my data", "Under GDPR, please delete my account and all data you hold about me."},
    {"Payment failed", "My card was declined at checkout, but my bank says everything is fine."},
    {"Unsubscribe me", "I keep getting newsletters although I unsubscribed twice."}
  };

  static Interaction account(SplittableRandom random) {
    String[] pair = ACCOUNT[random.nextInt(ACCOUNT.length)];
    return new Interaction(pair[0], pair[1]);
  }

  static Interaction chat(SplittableRandom random, String product) {
    return switch (random.nextInt(3)) {
      case 0 ->
          new Interaction(
              "Chat: question about " + product,
              "Customer asked whether the " + product + " is back in stock; agent confirmed.");
      case 1 ->
          new Interaction(
              "Chat: order status", "Customer asked about delivery times; agent shared tracking.");
      default ->
          new Interaction(
              "Chat: gift wrapping", "Customer asked if gift wrapping is possible; it is, for $3.");
    };
  }

  static Interaction call(SplittableRandom random) {
    return random.nextBoolean()
        ? new Interaction("Call: change delivery address", "Customer moved, updated the address.")
        : new Interaction("Call: product advice", "Customer wanted advice on choosing a grinder.");
  }

  static final String[] CAMPAIGNS = {
    "Autumn Coffee Selection",
    "Black Friday Preview",
    "New Tea Arrivals",
    "Spring Sale",
    "Holiday Gift Guide",
    "We miss you - 15% off"
  };

  static Interaction emailReply(SplittableRandom random) {
    String campaign = DemoRandom.pick(random, CAMPAIGNS);
    return new Interaction(
        "Re: " + campaign,
        DemoRandom.pick(
            random,
            new String[] {
              "Thanks, I'll have a look!",
              "Is the discount also valid in the shop?",
              "Please send fewer e-mails, once a month is plenty.",
              "Does this include free shipping to my country?"
            }));
  }

  static Interaction campaignResponse(SplittableRandom random, String channel) {
    String campaign = DemoRandom.pick(random, CAMPAIGNS);
    return new Interaction(
        campaign, "Clicked through from the " + channel + " campaign \"" + campaign + "\".");
  }

  static Interaction socialMention(SplittableRandom random, String product, boolean happy) {
    if (happy) {
      return new Interaction(
          "Mention on social media", "Loving my new " + product + " from @oxidlystore ☕✨");
    }
    return new Interaction(
        "Mention on social media",
        "Still waiting for my " + product + " from @oxidlystore... not impressed 😤");
  }
}
