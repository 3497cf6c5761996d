package com.oxidly.domain.demo;

import static com.oxidly.domain.demo.DemoRandom.between;
import static com.oxidly.domain.demo.DemoRandom.chance;
import static com.oxidly.domain.demo.DemoRandom.pick;
import static com.oxidly.domain.demo.Timestamps.DAY;
import static com.oxidly.domain.demo.Timestamps.HOUR;
import static com.oxidly.domain.demo.Timestamps.MINUTE;
import static com.oxidly.domain.demo.Timestamps.WEEK;
import static com.oxidly.domain.demo.Timestamps.YEAR;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.oxidly.domain.demo.Catalog.Category;
import com.oxidly.domain.demo.Catalog.Product;
import com.oxidly.domain.demo.Places.City;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates one customer with everything that hangs off them (consents, orders, items, reviews,
 * interactions) and appends the rows to a chunk's buffers.
 *
 * <p>Purchases follow the BG/NBD story so that CLV and churn models fitted later find real signal:
 * a buyer purchases as a Poisson process with a personal weekly rate λ ~ Gamma(r, α) and, after
 * every purchase, drops out for good with a personal probability p ~ Beta(a, b). Basket values
 * follow the Gamma-Gamma idea: each customer has their own mean, orders scatter around it.
 * Parameters: r = 0.9, α = 2 weeks (λ capped at 1.5 a week), a = 0.8, b = 4.5 (b = 2.5 makes
 * customers drop out so fast that the average falls to about 4 orders), 75% of customers ever buy.
 *
 * <p>Not thread-safe: it keeps per-customer scratch arrays. Use one per loader thread.
 */
final class CustomerGenerator {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  // Tuned so the population averages ~6 counted orders per customer with ~28% never-buyers.
  static final double BUYER_SHARE = 0.75;
  static final double PURCHASE_RATE_SHAPE = 0.9;
  static final double PURCHASE_RATE_WEEKS = 2.0;
  static final double MAX_PURCHASES_PER_WEEK = 1.5;
  static final double DROPOUT_A = 0.8;
  static final double DROPOUT_B = 4.5;
  static final int MAX_ORDERS = 400;
  static final long SIGNUP_SPAN = 3 * YEAR;
  static final long RECENT_ORDER = 10 * DAY;
  static final String CURRENCY = "USD";

  private static final String[] STATUSES = {"active", "inactive", "suspended", "banned"};
  private static final double[] STATUS_WEIGHTS = DemoRandom.cumulative(88, 8, 3, 1);

  private static final String[] CHANNELS = {
    "organic", "paid_search", "social", "email", "referral", "affiliate", "influencer", "other"
  };
  private static final double[] CHANNEL_WEIGHTS = DemoRandom.cumulative(30, 20, 15, 8, 10, 7, 6, 4);
  private static final int REFERRAL = 4;
  private static final int AFFILIATE = 5;
  private static final int INFLUENCER = 6;
  private static final String[] AFFILIATES = {
    "AFF-BREWGUIDE", "AFF-DEALSPOT", "AFF-GIFTLAB", "AFF-OUTDOORMAG", "AFF-KITCHENCRAFT"
  };
  private static final String[] INFLUENCERS = {
    "INF-LUCIA", "INF-COFFEEWITHSAM", "INF-TOKYOBREWS", "INF-HYGGEHOME", "INF-TRAILJESS"
  };

  private static final String[] GLOBAL_DOMAINS = {
    "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"
  };
  private static final double[] GLOBAL_DOMAIN_WEIGHTS = DemoRandom.cumulative(40, 12, 10, 10, 3);

  /** When people shop, by local hour: quiet at night, a lunch bump, busiest in the evening. */
  private static final double[] HOUR_WEIGHTS =
      DemoRandom.cumulative(
          1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4.5, 5, 5.5, 5, 4.5, 4.5, 5, 5.5, 6.5, 8, 8.5,
          7.5, 5, 2.5);

  private static final double[] ITEM_COUNT_WEIGHTS = DemoRandom.cumulative(45, 30, 15, 10);
  private static final double[] FAVOURITE_COUNT_WEIGHTS = DemoRandom.cumulative(45, 35, 20);

  /** Rating 1..5 weights by mood: happy, neutral, grumpy. About 20% of reviews are 1-3 stars. */
  private static final double[][] RATING_WEIGHTS = {
    DemoRandom.cumulative(2, 2, 6, 28, 62),
    DemoRandom.cumulative(8, 7, 15, 35, 35),
    DemoRandom.cumulative(30, 20, 15, 20, 15)
  };

  private static final double[] MOOD_WEIGHTS = DemoRandom.cumulative(70, 20, 10);
  private static final int HAPPY = 0;
  private static final int GRUMPY = 2;

  private static final String[] TAGS = {
    "vip",
    "newsletter",
    "wholesale",
    "beta-tester",
    "early-adopter",
    "gift-buyer",
    "loyalty-member",
    "student"
  };

  private static final Map<String, ZoneRules> ZONES = new HashMap<>();

  static {
    for (City city : Places.CITIES) {
      ZONES.computeIfAbsent(city.zone(), zone -> ZoneId.of(zone).getRules());
    }
  }

  private enum OrderStatus {
    PLACED("placed"),
    PAID("paid"),
    SHIPPED("shipped"),
    DELIVERED("delivered"),
    CANCELLED("cancelled"),
    REFUNDED("refunded");

    final String word;

    OrderStatus(String word) {
      this.word = word;
    }

    boolean counted() {
      return this != CANCELLED && this != REFUNDED;
    }
  }

  private final long seed;
  private final int customers;
  private final long now;
  private final String orderPrefix;
  private final String reviewPrefix;
  private final String interactionPrefix;

  // Per-customer scratch, reused so a customer with 200 orders allocates no arrays.
  private final long[] orderAt = new long[MAX_ORDERS];
  private final long[] orderUpdated = new long[MAX_ORDERS];
  private final OrderStatus[] orderStatus = new OrderStatus[MAX_ORDERS];
  private final long[] orderTotal = new long[MAX_ORDERS];
  private final String[] orderCoupon = new String[MAX_ORDERS];
  private final String[] orderReferral = new String[MAX_ORDERS];
  private final int[] itemStart = new int[MAX_ORDERS + 1];
  private final int[] itemProduct = new int[MAX_ORDERS * 4];
  private final int[] itemQuantity = new int[MAX_ORDERS * 4];
  private final long[] itemUnitCents = new long[MAX_ORDERS * 4];
  private final Category[] favourites = new Category[3];

  /**
   * @param customers the size of the whole store: customer {@code index} signs up at position
   *     {@code index / customers} of the store's history
   * @param now the store's now; generated instants are whole seconds at or before it
   */
  CustomerGenerator(long seed, int customers, Instant now) {
    this.seed = seed;
    this.customers = customers;
    this.now = now.getEpochSecond();
    this.orderPrefix = "D" + seed + "-";
    this.reviewPrefix = "R" + seed + "-";
    this.interactionPrefix = "I" + seed + "-";
  }

  /** The customer_uuid of customer {@code index} of a store of {@code customers}. */
  static UUID customerUuid(long seed, int customers, Instant now, int index) {
    SplittableRandom random = DemoRandom.forCustomer(seed, index);
    long signupMillis = signupMillis(random, index, customers, now.getEpochSecond());
    return new UUID(uuidHigh(signupMillis, random.nextLong()), uuidLow(random.nextLong()));
  }

  /**
   * Customers sign up in index order, more of them recently (the store grows). Ordering signups by
   * index is what real stores look like, and together with time-ordered UUIDs it makes every index
   * on customer_uuid grow at its end instead of at random pages, which keeps large loads fast.
   */
  private static long signupMillis(SplittableRandom random, int index, int customers, long now) {
    double position = (index + random.nextDouble()) / Math.max(1, customers);
    long ago = (long) (SIGNUP_SPAN * 1000 * StrictMath.pow(1 - Math.min(position, 1), 1.3));
    return (now - MINUTE) * 1000 - ago;
  }

  /** UUIDv7: the signup instant in milliseconds, then random bits. */
  private static long uuidHigh(long unixMillis, long random) {
    return (unixMillis << 16) | 0x7000L | (random & 0x0FFFL);
  }

  private static long uuidLow(long random) {
    return (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
  }

  /** Appends customer {@code index} and all their rows to {@code out}. */
  void generate(int index, ChunkBuffers out) {
    SplittableRandom r = DemoRandom.forCustomer(seed, index);
    long signupMillis = signupMillis(r, index, customers, now);
    long uuidHigh = uuidHigh(signupMillis, r.nextLong());
    long uuidLow = uuidLow(r.nextLong());
    long signup = Math.floorDiv(signupMillis, 1000);

    City city = Places.pickCity(r);
    Places.Country country = city.country();
    Names names = city.nameRegion();
    if (country == Places.US && chance(r, 0.15)) {
      names = Names.SPANISH;
    } else if (chance(r, 0.05)) {
      names = pick(r, Names.values());
    }
    int firstIndex = r.nextInt(names.first.length);
    int lastIndex = r.nextInt(names.last.length);
    boolean hasLastName = r.nextInt(100) != 0;
    String firstName = names.first[firstIndex];
    String lastName = hasLastName ? names.last[lastIndex] : null;
    String domain =
        chance(r, 0.28)
            ? pick(r, country.domains())
            : GLOBAL_DOMAINS[DemoRandom.weighted(r, GLOBAL_DOMAIN_WEIGHTS)];
    String email =
        names.firstAscii[firstIndex]
            + (hasLastName ? "." + names.lastAscii[lastIndex] : "")
            + index
            + "@"
            + domain;
    String phone = chance(r, 0.88) ? phone(r, city, country.code()) : null;
    Integer yearOfBirth = chance(r, 0.04) ? null : yearOfBirth(r);
    String address = chance(r, 0.94) ? Places.address(r, country) : null;
    String postcode =
        address != null && chance(r, 0.97) ? DemoRandom.fill(r, pick(r, city.postcodes())) : null;
    String status = STATUSES[DemoRandom.weighted(r, STATUS_WEIGHTS)];
    String language = chance(r, 0.02) ? null : chance(r, 0.04) ? "en" : city.languageTag();

    int channel = chance(r, 0.05) ? -1 : DemoRandom.weighted(r, CHANNEL_WEIGHTS);
    String referredBy =
        switch (channel) {
          case REFERRAL -> referralCode(r.nextInt(Math.max(1, index)));
          case AFFILIATE -> pick(r, AFFILIATES);
          case INFLUENCER -> pick(r, INFLUENCERS);
          default -> null;
        };
    long emailConsent = chance(r, 0.70) ? consentTime(r, signup) : -1;
    long smsConsent = chance(r, 0.35) ? consentTime(r, signup) : -1;
    long pushConsent = chance(r, 0.45) ? consentTime(r, signup) : -1;
    int mood = DemoRandom.weighted(r, MOOD_WEIGHTS);

    int favouriteCount = pickFavourites(r);
    long basketMeanCents = 2_500 + (long) (DemoRandom.gamma(r, 2.0) * 3_500);
    int orders = purchaseTimes(r, city, signup, mood);
    int counted = 0;
    long spentCents = 0;
    long firstCounted = -1;
    long lastCounted = -1;
    long lastActivity = Math.max(signup, Math.max(emailConsent, Math.max(smsConsent, pushConsent)));
    itemStart[0] = 0;
    for (int k = 0; k < orders; k++) {
      fillOrder(r, k, channel, referredBy, basketMeanCents, favouriteCount);
      if (orderStatus[k].counted()) {
        counted++;
        spentCents += orderTotal[k];
        if (firstCounted < 0) {
          firstCounted = orderAt[k];
        }
        lastCounted = orderAt[k];
      }
      lastActivity = Math.max(lastActivity, orderAt[k]);
    }
    writeOrders(out, index, uuidHigh, uuidLow, orders);
    writeReviews(r, out, index, uuidHigh, uuidLow, orders, mood);
    writeInteractions(
        r,
        out,
        index,
        uuidHigh,
        uuidLow,
        signup,
        orders,
        mood,
        emailConsent,
        smsConsent,
        pushConsent);

    // The customer row comes last because its derived metrics need the orders.
    CsvBuffer c = out.buffer(DemoTable.CUSTOMERS);
    c.uuid(uuidHigh, uuidLow).ascii(email).text(firstName).text(lastName).text(phone);
    if (yearOfBirth == null) {
      c.nul();
    } else {
      c.number(yearOfBirth);
    }
    c.ascii(country.code()).text(city.name()).text(address).text(postcode).ascii(city.zone());
    c.ascii(status).text(language).timestamp(signup);
    consentColumns(c, emailConsent);
    consentColumns(c, smsConsent);
    consentColumns(c, pushConsent);
    c.text(tags(r, spentCents, counted, emailConsent >= 0, signup, yearOfBirth));
    c.text(channel < 0 ? null : CHANNELS[channel]).text(referredBy);
    c.text(attributes(r, counted, spentCents, favouriteCount, emailConsent >= 0));
    c.cents(spentCents).number(counted);
    if (counted == 0) {
      c.nul().nul().nul();
    } else {
      // HALF_UP to cents, as BigDecimal.setScale(2, HALF_UP) would do for a positive amount.
      long average = (2 * spentCents + counted) / (2L * counted);
      c.timestamp(firstCounted).timestamp(lastCounted).cents(average);
    }
    c.timestamp(signup).timestamp(lastActivity);
    out.endRow(DemoTable.CUSTOMERS);

    consentEvent(out, uuidHigh, uuidLow, "email", emailConsent);
    consentEvent(out, uuidHigh, uuidLow, "sms", smsConsent);
    consentEvent(out, uuidHigh, uuidLow, "push", pushConsent);
  }

  private static int yearOfBirth(SplittableRandom r) {
    if (chance(r, 0.7)) {
      long year = Math.round(1988 + DemoRandom.gaussian(r) * 7);
      return (int) Math.max(1945, Math.min(2007, year));
    }
    return (int) between(r, 1945, 2007);
  }

  /** The referral code of another customer (it depends on the referrer only, so it repeats). */
  private String referralCode(int referrerIndex) {
    long sixDigits = 2_176_782_336L; // 36^6
    long value =
        Long.remainderUnsigned(
            DemoRandom.mix(seed ^ (referrerIndex * 0x2545F4914F6CDD1DL)), sixDigits);
    // Adding 36^6 and dropping the leading "1" pads to exactly six base-36 digits.
    return "REF-" + Long.toString(sixDigits + value, 36).substring(1).toUpperCase(Locale.ROOT);
  }

  /** Most people consent in the signup form; some later, from a banner or the app. */
  private long consentTime(SplittableRandom r, long signup) {
    long at =
        chance(r, 0.8)
            ? signup + between(r, 0, 2 * MINUTE)
            : signup + (long) DemoRandom.exponential(r, 60 * DAY);
    return at <= now ? at : between(r, signup, now);
  }

  private static void consentColumns(CsvBuffer c, long consentAt) {
    if (consentAt >= 0) {
      c.bool(true).timestamp(consentAt);
    } else {
      c.bool(false).nul();
    }
  }

  private static void consentEvent(
      ChunkBuffers out, long uuidHigh, long uuidLow, String channel, long consentAt) {
    if (consentAt < 0) {
      return;
    }
    out.buffer(DemoTable.CONSENT_EVENTS)
        .uuid(uuidHigh, uuidLow)
        .ascii(channel)
        .bool(true)
        .ascii("demo")
        .timestamp(consentAt);
    out.endRow(DemoTable.CONSENT_EVENTS);
  }

  private int pickFavourites(SplittableRandom r) {
    int wanted = DemoRandom.weighted(r, FAVOURITE_COUNT_WEIGHTS) + 1;
    int count = 0;
    for (int attempt = 0; attempt < 10 && count < wanted; attempt++) {
      Category category = Catalog.pickCategory(r);
      boolean seen = false;
      for (int i = 0; i < count; i++) {
        seen |= favourites[i] == category;
      }
      if (!seen) {
        favourites[count++] = category;
      }
    }
    return count;
  }

  /** Fills orderAt with the customer's purchase instants (ascending); returns how many. */
  private int purchaseTimes(SplittableRandom r, City city, long signup, int mood) {
    if (!chance(r, BUYER_SHARE)) {
      return 0;
    }
    double ratePerWeek =
        Math.max(
            1e-6,
            Math.min(
                MAX_PURCHASES_PER_WEEK,
                DemoRandom.gamma(r, PURCHASE_RATE_SHAPE) / PURCHASE_RATE_WEEKS));
    double dropout = DemoRandom.beta(r, DROPOUT_A, DROPOUT_B);
    if (mood == GRUMPY) {
      // Unhappy customers churn sooner: gives churn models something real to find.
      dropout = Math.min(0.95, dropout * 1.8);
    }
    long firstDelay =
        chance(r, 0.35)
            ? (long) DemoRandom.exponential(r, 2 * HOUR)
            : (long) DemoRandom.exponential(r, 12 * DAY);
    long t = signup + 5 * MINUTE + firstDelay;
    long previous = signup;
    ZoneRules zone = ZONES.get(city.zone());
    int n = 0;
    while (t <= now && n < MAX_ORDERS) {
      t = atShoppingHour(r, t, previous, zone);
      orderAt[n++] = t;
      previous = t;
      if (chance(r, dropout)) {
        break;
      }
      double gapWeeks = DemoRandom.exponential(r, 1 / ratePerWeek);
      t += (long) Math.max(HOUR, Math.min(10 * YEAR, gapWeeks * WEEK));
    }
    return n;
  }

  /** Moves an instant to a plausible local shopping hour of the same day, when that stays valid. */
  private long atShoppingHour(SplittableRandom r, long t, long previous, ZoneRules zone) {
    int offset = zone.getOffset(Instant.ofEpochSecond(t)).getTotalSeconds();
    long localDay = Math.floorDiv(t + offset, DAY);
    int hour = DemoRandom.weighted(r, HOUR_WEIGHTS);
    long candidate = localDay * DAY + hour * HOUR + r.nextInt((int) HOUR) - offset;
    return candidate > previous && candidate <= now ? candidate : t;
  }

  private void fillOrder(
      SplittableRandom r,
      int k,
      int channel,
      String referredBy,
      long basketMeanCents,
      int favouriteCount) {
    long t = orderAt[k];
    long age = now - t;
    OrderStatus status;
    if (chance(r, 0.03)) {
      status = OrderStatus.CANCELLED;
    } else if (age < RECENT_ORDER) {
      if (age < DAY) {
        status = chance(r, 0.45) ? OrderStatus.PLACED : OrderStatus.PAID;
      } else if (age < 3 * DAY) {
        status = chance(r, 0.4) ? OrderStatus.PAID : OrderStatus.SHIPPED;
      } else {
        status = OrderStatus.SHIPPED;
      }
    } else {
      status = chance(r, 0.02 / 0.97) ? OrderStatus.REFUNDED : OrderStatus.DELIVERED;
    }
    orderStatus[k] = status;
    long updated =
        switch (status) {
          case PLACED -> t;
          case PAID -> t + between(r, MINUTE, 30 * MINUTE);
          case SHIPPED -> t + between(r, DAY / 2, 2 * DAY);
          case DELIVERED -> t + between(r, 2 * DAY, 7 * DAY);
          case CANCELLED -> t + between(r, 10 * MINUTE, 2 * DAY);
          case REFUNDED -> t + between(r, 10 * DAY, 30 * DAY);
        };
    orderUpdated[k] = Math.min(updated, now);

    String coupon = null;
    int discountPercent = 0;
    boolean welcomeChannel = channel == 1 || channel == 2 || channel == 3;
    if (k == 0 && welcomeChannel && chance(r, 0.35)) {
      coupon = "WELCOME10";
      discountPercent = 10;
    } else if (chance(r, 0.08)) {
      int month = Timestamps.month(t);
      if (month == 11 && Timestamps.dayOfMonth(t) >= 20) {
        coupon = "BLACKFRIDAY25";
        discountPercent = 25;
      } else if (month == 12) {
        coupon = "XMAS15";
        discountPercent = 15;
      } else if (month >= 6 && month <= 8) {
        coupon = "SUMMER15";
        discountPercent = 15;
      } else if (month >= 3 && month <= 5) {
        coupon = "SPRING20";
        discountPercent = 20;
      } else if (k >= 5) {
        coupon = "LOYALTY5";
        discountPercent = 5;
      } else {
        coupon = "FREESHIP";
      }
    }
    orderCoupon[k] = coupon;
    String referral = null;
    if (k == 0 && referredBy != null && chance(r, 0.8)) {
      referral = referredBy;
    } else if (chance(r, 0.015)) {
      referral = pick(r, INFLUENCERS);
    }
    orderReferral[k] = referral;

    // Items: mostly from the customer's favourite categories, priced around their usual basket.
    int wanted = DemoRandom.weighted(r, ITEM_COUNT_WEIGHTS) + 1;
    double target = basketMeanCents * DemoRandom.gamma(r, 6) / 6;
    double perItem = target / wanted;
    boolean recent = age < 180 * DAY;
    int start = itemStart[k];
    int end = start;
    long total = 0;
    for (int j = 0; j < wanted; j++) {
      for (int attempt = 0; attempt < 6; attempt++) {
        Category category =
            chance(r, 0.85) ? favourites[r.nextInt(favouriteCount)] : Catalog.pickCategory(r);
        int[] pool =
            recent && Catalog.ACTIVE_BY_CATEGORY[category.ordinal()].length > 0
                ? Catalog.ACTIVE_BY_CATEGORY[category.ordinal()]
                : Catalog.BY_CATEGORY[category.ordinal()];
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int candidate = 0; candidate < 3; candidate++) {
          int product = pool[r.nextInt(pool.length)];
          double ratio = Catalog.PRODUCTS.get(product).priceCents() / perItem;
          double distance = ratio >= 1 ? ratio : 1 / ratio;
          if (distance < bestDistance) {
            bestDistance = distance;
            best = product;
          }
        }
        boolean duplicate = false;
        for (int i = start; i < end; i++) {
          duplicate |= itemProduct[i] == best;
        }
        if (duplicate) {
          continue;
        }
        long price = Catalog.PRODUCTS.get(best).priceCents();
        int quantity =
            (int) Math.max(1, Math.min(price < 2_500 ? 4 : 2, Math.round(perItem / price)));
        if (quantity == 1 && chance(r, 0.06)) {
          quantity = 2;
        }
        long unit = discountPercent == 0 ? price : (price * (100 - discountPercent) + 50) / 100;
        itemProduct[end] = best;
        itemQuantity[end] = quantity;
        itemUnitCents[end] = unit;
        total += quantity * unit;
        end++;
        break;
      }
    }
    itemStart[k + 1] = end;
    orderTotal[k] = total;
  }

  private void writeOrders(ChunkBuffers out, int index, long uuidHigh, long uuidLow, int orders) {
    CsvBuffer o = out.buffer(DemoTable.ORDERS);
    CsvBuffer items = out.buffer(DemoTable.ORDER_ITEMS);
    for (int k = 0; k < orders; k++) {
      o.id(orderPrefix, index, k + 1).uuid(uuidHigh, uuidLow).timestamp(orderAt[k]);
      o.ascii(orderStatus[k].word).cents(orderTotal[k]).ascii(CURRENCY);
      o.text(orderReferral[k]).text(orderCoupon[k]);
      o.timestamp(orderAt[k]).timestamp(orderUpdated[k]);
      out.endRow(DemoTable.ORDERS);
      for (int i = itemStart[k]; i < itemStart[k + 1]; i++) {
        items.id(orderPrefix, index, k + 1);
        items.ascii(Catalog.PRODUCTS.get(itemProduct[i]).sku());
        items.number(itemQuantity[i]).cents(itemUnitCents[i]);
        out.endRow(DemoTable.ORDER_ITEMS);
      }
    }
  }

  private void writeReviews(
      SplittableRandom r,
      ChunkBuffers out,
      int index,
      long uuidHigh,
      long uuidLow,
      int orders,
      int mood) {
    double reviewChance = mood == GRUMPY ? 0.32 : 0.24;
    CsvBuffer b = out.buffer(DemoTable.REVIEWS);
    int n = 0;
    for (int k = 0; k < orders; k++) {
      if (orderStatus[k] != OrderStatus.DELIVERED || !chance(r, reviewChance)) {
        continue;
      }
      long created = orderUpdated[k] + between(r, 0, 7 * DAY);
      int item = itemStart[k] + r.nextInt(itemStart[k + 1] - itemStart[k]);
      Product product = Catalog.PRODUCTS.get(itemProduct[item]);
      int rating = DemoRandom.weighted(r, RATING_WEIGHTS[mood]) + 1;
      Texts.Review text = Texts.review(r, rating, product.category(), product.name());
      if (created > now) {
        continue; // Not written yet: the customer has a week after delivery.
      }
      b.id(reviewPrefix, index, ++n).uuid(uuidHigh, uuidLow).ascii(product.sku());
      b.number(rating).text(text.title()).text(text.body()).timestamp(created);
      out.endRow(DemoTable.REVIEWS);
    }
  }

  private void writeInteractions(
      SplittableRandom r,
      ChunkBuffers out,
      int index,
      long uuidHigh,
      long uuidLow,
      long signup,
      int orders,
      int mood,
      long emailConsent,
      long smsConsent,
      long pushConsent) {
    CsvBuffer b = out.buffer(DemoTable.INTERACTIONS);
    int n = 0;
    double ticketChance = mood == GRUMPY ? 0.35 : mood == HAPPY ? 0.08 : 0.12;
    if (chance(r, ticketChance)) {
      int tickets = 1 + (chance(r, 0.3) ? 1 + (chance(r, 0.3) ? 1 : 0) : 0);
      for (int i = 0; i < tickets; i++) {
        Texts.Interaction text;
        long created;
        int kind = orders == 0 ? 3 : DemoRandom.weighted(r, TICKET_KIND_WEIGHTS);
        if (kind == 3) {
          text = Texts.account(r);
          created = between(r, signup, now);
        } else {
          int k = kind == 1 ? refundedOrNull(r, orders) : r.nextInt(orders);
          String orderId = orderPrefix + index + "-" + (k + 1);
          switch (kind) {
            case 0 -> {
              text = Texts.lateDelivery(r, orderId);
              created = orderAt[k] + between(r, 5 * DAY, 12 * DAY);
            }
            case 1 -> {
              text = Texts.refund(r, orderId);
              created = orderUpdated[k] - between(r, DAY, 5 * DAY);
            }
            default -> {
              Product product = Catalog.PRODUCTS.get(itemProduct[itemStart[k]]);
              text = Texts.damaged(r, orderId, product.name());
              created = orderUpdated[k] + between(r, HOUR, 2 * DAY);
            }
          }
          created = Math.max(created, orderAt[k] + HOUR);
          if (created > now) {
            created = between(r, orderAt[k], now);
          }
        }
        String channel = pick(r, TICKET_CHANNELS);
        b.id(interactionPrefix, index, ++n).uuid(uuidHigh, uuidLow).ascii("support_ticket");
        b.ascii(channel).text(text.subject()).text(text.body());
        b.ascii(ticketStatus(r, created)).timestamp(created);
        out.endRow(DemoTable.INTERACTIONS);
      }
    }
    if (chance(r, 0.08)) {
      int chats = chance(r, 0.25) ? 2 : 1;
      for (int i = 0; i < chats; i++) {
        long created = between(r, signup, now);
        Product product = Catalog.PRODUCTS.get(itemProductOrAny(r, orders));
        Texts.Interaction text = Texts.chat(r, product.name());
        String status = now - created < DAY ? "open" : chance(r, 0.85) ? "resolved" : "closed";
        b.id(interactionPrefix, index, ++n).uuid(uuidHigh, uuidLow).ascii("chat");
        b.ascii(chance(r, 0.4) ? "in_app" : "web").text(text.subject()).text(text.body());
        b.ascii(status).timestamp(created);
        out.endRow(DemoTable.INTERACTIONS);
      }
    }
    if (chance(r, 0.02)) {
      long created = between(r, signup, now);
      Texts.Interaction text = Texts.call(r);
      b.id(interactionPrefix, index, ++n).uuid(uuidHigh, uuidLow).ascii("call").ascii("phone");
      b.text(text.subject()).text(text.body());
      b.ascii(chance(r, 0.7) ? "resolved" : "closed").timestamp(created);
      out.endRow(DemoTable.INTERACTIONS);
    }
    if (chance(r, emailConsent >= 0 ? 0.08 : 0.01)) {
      long created = between(r, Math.max(signup, emailConsent), now);
      Texts.Interaction text = Texts.emailReply(r);
      b.id(interactionPrefix, index, ++n).uuid(uuidHigh, uuidLow).ascii("email_reply");
      b.ascii("email").text(text.subject()).text(text.body()).nul().timestamp(created);
      out.endRow(DemoTable.INTERACTIONS);
    }
    int optedIn =
        (emailConsent >= 0 ? 1 : 0) + (smsConsent >= 0 ? 1 : 0) + (pushConsent >= 0 ? 1 : 0);
    if (optedIn > 0 && chance(r, 0.10)) {
      // Campaigns only reach people through a channel they agreed to.
      int which = r.nextInt(optedIn);
      String channel = null;
      long consent = 0;
      for (String candidate : new String[] {"email", "sms", "push"}) {
        long at =
            switch (candidate) {
              case "email" -> emailConsent;
              case "sms" -> smsConsent;
              default -> pushConsent;
            };
        if (at >= 0 && which-- == 0) {
          channel = candidate;
          consent = at;
        }
      }
      long created = between(r, consent, now);
      Texts.Interaction text = Texts.campaignResponse(r, channel);
      b.id(interactionPrefix, index, ++n).uuid(uuidHigh, uuidLow).ascii("campaign_response");
      b.ascii(channel).text(text.subject()).text(text.body()).nul().timestamp(created);
      out.endRow(DemoTable.INTERACTIONS);
    }
    if (chance(r, 0.012)) {
      long created = between(r, signup, now);
      Product product = Catalog.PRODUCTS.get(itemProductOrAny(r, orders));
      Texts.Interaction text = Texts.socialMention(r, product.name(), mood != GRUMPY);
      b.id(interactionPrefix, index, ++n).uuid(uuidHigh, uuidLow).ascii("social_mention");
      b.ascii("social").text(text.subject()).text(text.body()).nul().timestamp(created);
      out.endRow(DemoTable.INTERACTIONS);
    }
  }

  /** Late delivery, refund, damaged item, account. */
  private static final double[] TICKET_KIND_WEIGHTS = DemoRandom.cumulative(35, 20, 20, 25);

  private static final String[] TICKET_CHANNELS = {
    "email", "email", "email", "email", "email", "web", "web", "web", "phone", "phone"
  };

  private int refundedOrNull(SplittableRandom r, int orders) {
    for (int k = 0; k < orders; k++) {
      if (orderStatus[k] == OrderStatus.REFUNDED) {
        return k;
      }
    }
    return r.nextInt(orders);
  }

  private int itemProductOrAny(SplittableRandom r, int orders) {
    if (orders > 0) {
      return itemProduct[itemStart[r.nextInt(orders)]];
    }
    int[] pool = Catalog.ACTIVE_BY_CATEGORY[favourites[0].ordinal()];
    return pool[r.nextInt(pool.length)];
  }

  /** Recent tickets are still being worked on; old ones are done. */
  private String ticketStatus(SplittableRandom r, long created) {
    long age = now - created;
    double u = r.nextDouble();
    if (age < 14 * DAY) {
      return u < 0.45 ? "open" : u < 0.80 ? "pending" : "resolved";
    }
    if (age < 60 * DAY) {
      return u < 0.10 ? "pending" : u < 0.70 ? "resolved" : "closed";
    }
    return u < 0.40 ? "resolved" : "closed";
  }

  /**
   * A mobile number in E.164 that libphonenumber accepts for the country, as an import would
   * require: the patterns cover the mobile ranges only roughly, so unassigned blocks are drawn
   * again. Null in the rare case no draw is valid, as for customers without a phone.
   */
  private static String phone(SplittableRandom r, Places.City city, String country) {
    for (int attempt = 0; attempt < 50; attempt++) {
      String candidate = DemoRandom.fill(r, pick(r, city.phonePatterns()));
      try {
        if (PHONES.isValidNumberForRegion(PHONES.parse(candidate, country), country)) {
          return candidate;
        }
      } catch (NumberParseException e) {
        // Drawn again.
      }
    }
    return null;
  }

  private String tags(
      SplittableRandom r,
      long spentCents,
      int counted,
      boolean emailOptIn,
      long signup,
      Integer yearOfBirth) {
    boolean[] has = new boolean[TAGS.length];
    has[0] = spentCents > 150_000 && chance(r, 0.7);
    has[1] = emailOptIn && chance(r, 0.2);
    has[2] = (counted >= 40 && chance(r, 0.5)) || chance(r, 0.003);
    has[3] = chance(r, 0.02);
    has[4] = signup < now - 5 * YEAR / 2 && chance(r, 0.15);
    has[5] = chance(r, 0.03);
    has[6] = counted >= 5 && chance(r, 0.25);
    has[7] = yearOfBirth != null && yearOfBirth >= 2001 && chance(r, 0.15);
    StringBuilder array = new StringBuilder("{");
    for (int i = 0; i < TAGS.length; i++) {
      if (has[i]) {
        if (array.length() > 1) {
          array.append(',');
        }
        array.append(TAGS[i]);
      }
    }
    return array.append('}').toString();
  }

  private String attributes(
      SplittableRandom r, int counted, long spentCents, int favouriteCount, boolean emailOptIn) {
    StringBuilder json = new StringBuilder("{");
    if (counted > 0 && chance(r, 0.5)) {
      jsonField(json, "favourite_category", favourites[0].label);
    }
    if (chance(r, 0.12)) {
      jsonField(json, "preferred_contact_time", pick(r, CONTACT_TIMES));
    }
    if (counted >= 3 && chance(r, 0.3)) {
      String tier = spentCents >= 100_000 ? "gold" : spentCents >= 40_000 ? "silver" : "bronze";
      jsonField(json, "loyalty_tier", tier);
    }
    if (emailOptIn && chance(r, 0.1)) {
      jsonField(json, "newsletter_frequency", chance(r, 0.6) ? "weekly" : "monthly");
    }
    for (int i = 0; i < favouriteCount; i++) {
      if (favourites[i] == Category.COFFEE && chance(r, 0.3)) {
        jsonField(json, "preferred_roast", pick(r, ROASTS));
      }
    }
    return json.append('}').toString();
  }

  private static final String[] CONTACT_TIMES = {"morning", "afternoon", "evening"};
  private static final String[] ROASTS = {"light", "medium", "dark"};

  /** Keys and values are fixed ASCII words, so no JSON escaping is needed. */
  private static void jsonField(StringBuilder json, String key, String value) {
    if (json.length() > 1) {
      json.append(',');
    }
    json.append('"').append(key).append("\":\"").append(value).append('"');
  }
}
