package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.TimeWindow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who the customers are: places ("from New York", "Canadian", "based in München"), ages ("in their
 * 30s", "over 40", "born in the 80s"), status, consent, email domains, names, tags, acquisition
 * channel, named segments, and when they signed up ("joined in 2025", "new customers").
 */
final class PeopleRules {

  private static final String[] PLACE_PREPOSITIONS = {
    "who live in",
    "who lives in",
    "who are based in",
    "who are from",
    "who come from",
    "living in",
    "live in",
    "lives in",
    "based in",
    "based out of",
    "located in",
    "residing in",
    "resident in",
    "residents of",
    "coming from",
    "come from",
    "hailing from",
    "from",
    "in"
  };
  private static final Set<String> NOT_COUNTRY_CODES =
      Set.of(
          "am", "an", "as", "at", "be", "by", "do", "go", "hi", "id", "if", "in", "is", "it", "me",
          "my", "no", "of", "ok", "on", "or", "so", "to", "us", "we");
  private static final Set<String> NOT_A_PLACE_AFTER = Set.of("speaking", "speakers", "speaker");

  private static final Set<String> NOT_AGE_UNITS =
      Set.of(
          "order",
          "orders",
          "purchase",
          "purchases",
          "time",
          "times",
          "star",
          "stars",
          "review",
          "reviews",
          "day",
          "days",
          "week",
          "weeks",
          "month",
          "months",
          "percent",
          "%",
          "k",
          "ticket",
          "tickets",
          "point",
          "points",
          "item",
          "items",
          "product",
          "products");

  private static final Set<String> STATUSES = Set.of("active", "inactive", "suspended", "banned");

  private static final String[] AGE_UNITS = {
    "years old", "year olds", "year old", "- year olds", "- year old", "years of age", "yo", "years"
  };

  private static final String[] CONSENT_VERBS = {
    "opted in to",
    "opted into",
    "opted in for",
    "opted in",
    "opt in to",
    "opt in",
    "subscribed to",
    "subscribed for",
    "subscribe to",
    "subscribes to",
    "signed up for",
    "signed up to",
    "consented to",
    "agreed to",
    "accept",
    "accepts",
    "accepting",
    "can receive",
    "can get",
    "receive",
    "receives",
    "get",
    "gets",
    "want",
    "wants"
  };
  private static final String[] OPT_OUT_VERBS = {
    "opted out of",
    "opted out from",
    "opted out",
    "opt out of",
    "unsubscribed from",
    "unsubscribed",
    "unsubscribe from"
  };
  private static final String[] CONSENT_NOUNS = {
    "subscribers",
    "subscriber",
    "opt ins",
    "optins",
    "opted in",
    "consent",
    "opt in",
    "subscribed",
    "subscription",
    "subscriptions",
    "permission"
  };
  private static final String[] OPT_OUT_NOUNS = {
    "opt outs", "optouts", "opted out", "unsubscribers", "unsubscribed", "opt out"
  };

  private static final String[] EMAIL_CHANNEL = {
    "email marketing",
    "marketing emails",
    "marketing email",
    "e mail",
    "emails",
    "email",
    "newsletters",
    "newsletter",
    "mailing list",
    "marketing"
  };
  private static final String[] SMS_CHANNEL = {
    "sms marketing", "sms messages", "sms", "text messages", "text message", "texts", "text"
  };
  private static final String[] PUSH_CHANNEL = {
    "push notifications",
    "push notification",
    "push messages",
    "push",
    "app notifications",
    "notifications"
  };

  /** Generations as Pew Research Center defines them (2019): birth years. */
  private static final Map<String, int[]> GENERATIONS =
      Map.of(
          "gen z", new int[] {1997, 2012},
          "generation z", new int[] {1997, 2012},
          "zoomers", new int[] {1997, 2012},
          "millennials", new int[] {1981, 1996},
          "millennial", new int[] {1981, 1996},
          "gen y", new int[] {1981, 1996},
          "gen x", new int[] {1965, 1980},
          "generation x", new int[] {1965, 1980},
          "baby boomers", new int[] {1946, 1964},
          "boomers", new int[] {1946, 1964});

  private static final Map<String, String> CHANNELS =
      Map.ofEntries(
          Map.entry("organic search", "organic"),
          Map.entry("organic", "organic"),
          Map.entry("seo", "organic"),
          Map.entry("paid search", "paid_search"),
          Map.entry("paid ads", "paid_search"),
          Map.entry("google ads", "paid_search"),
          Map.entry("search ads", "paid_search"),
          Map.entry("ppc", "paid_search"),
          Map.entry("social media", "social"),
          Map.entry("social", "social"),
          Map.entry("referrals", "referral"),
          Map.entry("referral", "referral"),
          Map.entry("a referral", "referral"),
          Map.entry("a friend", "referral"),
          Map.entry("affiliates", "affiliate"),
          Map.entry("affiliate", "affiliate"),
          Map.entry("an affiliate", "affiliate"),
          Map.entry("influencers", "influencer"),
          Map.entry("influencer", "influencer"),
          Map.entry("an influencer", "influencer"),
          Map.entry("facebook", "social"),
          Map.entry("instagram", "social"),
          Map.entry("tiktok", "social"),
          Map.entry("twitter", "social"),
          Map.entry("linkedin", "social"),
          Map.entry("pinterest", "social"),
          Map.entry("youtube", "social"),
          Map.entry("email", "email"),
          Map.entry("email campaigns", "email"));

  private static final String[] CHANNEL_PHRASES =
      CHANNELS.keySet().stream()
          .sorted(java.util.Comparator.comparingInt(String::length).reversed())
          .toArray(String[]::new);

  private static final String[] SUBJECT_WORDS = Words.SUBJECTS.toArray(String[]::new);

  private final Scan scan;
  private final Cursor cursor;
  private final Lexicon lexicon;

  PeopleRules(Scan scan) {
    this.scan = scan;
    this.cursor = scan.cursor;
    this.lexicon = scan.lexicon;
  }

  void register(List<Supplier<Item>> rules) {
    rules.add(this::newCustomers);
    rules.add(this::signedUp);
    rules.add(this::orderDates);
    rules.add(this::acquisition);
    rules.add(this::age);
    rules.add(this::born);
    rules.add(this::generation);
    rules.add(this::status);
    rules.add(this::consent);
    rules.add(this::emailDomain);
    rules.add(this::email);
    rules.add(this::name);
    rules.add(this::tags);
    rules.add(this::place);
    rules.add(this::segment);
  }

  // Places.

  /**
   * "from New York", "in Berlin, Munich or Hamburg", "Canadian", "based in the UK", "York, UK",
   * "outside Germany".
   */
  private Item place() {
    int start = cursor.pos;
    boolean outside =
        cursor.acceptAny(
                "from anywhere but",
                "from anywhere except",
                "anywhere but",
                "anywhere except",
                "everywhere but",
                "outside of",
                "outside")
            != null;
    String said = outside ? "outside" : cursor.acceptAny(PLACE_PREPOSITIONS);
    boolean preposition = said != null;
    // "from Springfield" is a city the store may not have yet; "in Gold tier" is not a place.
    boolean anyName = preposition && !said.equals("in");
    List<CustomerQuery> places =
        scan.list(() -> onePlace(preposition, anyName), null, "in", "from", "the");
    if (places.isEmpty()) {
      cursor.pos = start;
      return null;
    }
    CustomerQuery place = places.size() == 1 ? places.getFirst() : Assembler.or(places);
    return Item.Cond.of(outside ? Assembler.not(place) : place);
  }

  private CustomerQuery onePlace(boolean preposition, boolean anyName) {
    int start = cursor.pos;
    PhraseIndex.Hit<Lexicon.Place> hit = lexicon.places.longest(cursor.tokens, cursor.pos);
    boolean the = hit == null && cursor.accept("the");
    Token first = cursor.peek();
    if (first == null) {
      cursor.pos = start;
      return null;
    }
    if (the) {
      hit = lexicon.places.longest(cursor.tokens, cursor.pos);
    }
    CustomerQuery place = hit == null ? null : known(hit, first, preposition);
    if (place == null) {
      place = countryCode(first, preposition, the);
    }
    if (place == null && anyName) {
      place = unknownCity();
    }
    if (place == null || cursor.atAny(NOT_A_PLACE_AFTER)) {
      cursor.pos = start;
      return null;
    }
    return place;
  }

  private CustomerQuery known(
      PhraseIndex.Hit<Lexicon.Place> hit, Token first, boolean preposition) {
    List<String> cities = new ArrayList<>();
    String country = null;
    for (Lexicon.Place place : hit.values()) {
      if (place.field() == CustomerField.COUNTRY) {
        country = place.value();
      } else {
        cities.add(place.value());
      }
    }
    boolean bare = !preposition && hit.end() == cursor.pos + 1 && !first.has(Token.CAPITALISED);
    if (country != null) {
      if (bare && !first.has(Token.UPPER) && !lexicon.storeCountries.contains(country)) {
        return null;
      }
      cursor.pos = hit.end();
      return new CustomerQuery.Field(CustomerField.COUNTRY, Comparison.eq(country));
    }
    cursor.pos = hit.end();
    CustomerQuery city =
        new CustomerQuery.Field(
            CustomerField.CITY,
            cities.size() == 1
                ? Comparison.eq(cities.getFirst())
                : new Comparison(Op.IN, List.copyOf(cities)));
    return qualified(city, cities);
  }

  /** "York, UK", "London in Canada": a city with its country. */
  private CustomerQuery qualified(CustomerQuery city, List<String> cities) {
    int before = cursor.pos;
    cursor.acceptAny(",", "in");
    cursor.accept("the");
    Token token = cursor.peek();
    PhraseIndex.Hit<Lexicon.Place> hit =
        token == null ? null : lexicon.places.longest(cursor.tokens, cursor.pos);
    String country = null;
    if (hit != null) {
      for (Lexicon.Place place : hit.values()) {
        if (place.field() == CustomerField.COUNTRY) {
          country = place.value();
        }
      }
    } else if (token != null
        && token.has(Token.UPPER)
        && lexicon.countryCodes.contains(token.word())) {
      country = token.word();
      hit = new PhraseIndex.Hit<>(cursor.pos + 1, List.of());
    }
    if (country != null && lexicon.cityIn(cities, country)) {
      cursor.pos = hit.end();
      return new CustomerQuery.And(
          List.of(city, new CustomerQuery.Field(CustomerField.COUNTRY, Comparison.eq(country))));
    }
    cursor.pos = before;
    return city;
  }

  /** "US", "DE" in capitals anywhere; "de", "the us" after "in" or "from". */
  private CustomerQuery countryCode(Token token, boolean preposition, boolean the) {
    String code = token.word();
    if (!token.isWord() || code.length() != 2 || !lexicon.countryCodes.contains(code)) {
      return null;
    }
    boolean lowerOk =
        preposition && (!NOT_COUNTRY_CODES.contains(code) || (the && code.equals("us")));
    if (!token.has(Token.UPPER) && !lowerOk) {
      return null;
    }
    cursor.pos++;
    return new CustomerQuery.Field(CustomerField.COUNTRY, Comparison.eq(code));
  }

  /**
   * After "from", "living in", "based in" (not a bare "in": "in Gold tier"), capitalised words the
   * store has no customers in yet: "from Springfield".
   */
  private CustomerQuery unknownCity() {
    int start = cursor.pos;
    while (!cursor.atEnd()) {
      Token token = cursor.peek();
      if (!token.isWord()
          || !token.has(Token.CAPITALISED)
          || Words.FILLERS.contains(token.word())
          || scan.knownAt(cursor.pos)) {
        break;
      }
      cursor.pos++;
    }
    if (cursor.pos == start) {
      return null;
    }
    String name = cursor.text(scan.sentence, start, cursor.pos).toLowerCase(Locale.ROOT);
    return new CustomerQuery.Field(CustomerField.CITY, Comparison.eq(name));
  }

  // Ages.

  /**
   * "over 40", "under 30", "aged 25-34", "in their 30s", "65+", "30-somethings", "40 year olds".
   */
  private Item age() {
    int start = cursor.pos;
    if (cursor.accept("in their")) {
      int early = cursor.acceptAny("early", "mid", "late") != null ? cursor.pos - 1 : -1;
      Integer decade = decade();
      if (decade == null || decade < 10 || decade > 90) {
        cursor.pos = start;
        return null;
      }
      Item.Cond cond = ageBetween(decade, decade + 9);
      if (early >= 0) {
        scan.note(cond, early, early + 1);
      }
      return cond;
    }
    Token token = cursor.peek();
    if (token != null && token.isPlainInteger() && token.number().intValue() % 10 == 0) {
      cursor.pos++;
      cursor.accept("-");
      if (cursor.accept("somethings")) {
        int decade = token.number().intValue();
        return ageBetween(decade, decade + 9);
      }
      cursor.pos = start;
    }
    if (cursor.accept("between the ages of")) {
      Quantities.Quantity low = Quantities.NUMBER.read(cursor);
      Quantities.Quantity high =
          low != null && cursor.acceptAny("and", "to", "-") != null
              ? Quantities.NUMBER.read(cursor)
              : null;
      if (high == null || !plausibleAge(low.value()) || !plausibleAge(high.value())) {
        cursor.pos = start;
        return null;
      }
      return ageBetween(
          Math.min(low.value().intValue(), high.value().intValue()),
          Math.max(low.value().intValue(), high.value().intValue()));
    }
    boolean aged = cursor.acceptAny("aged", "ages", "age") != null;
    if (aged) {
      cursor.acceptAny("is", "of");
    }
    Op special = null;
    if (cursor.acceptAny("older than", "over the age of", "above the age of") != null) {
      special = Op.GT;
    } else if (cursor.acceptAny("younger than", "under the age of", "below the age of") != null) {
      special = Op.LT;
    }
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.NUMBER, AGE_UNITS);
    if (bound == null
        || !bound.values().stream().allMatch(PeopleRules::plausibleAge)
        || (special == null && !aged && !bound.unit() && !bound.explicit())
        || unitFollows()) {
      cursor.pos = start;
      return null;
    }
    Op op = special != null ? special : bound.op();
    return Item.Cond.of(
        new CustomerQuery.Field(
            CustomerField.AGE, new Comparison(op, List.copyOf(bound.values()))));
  }

  private static boolean plausibleAge(BigDecimal age) {
    return age.signum() > 0
        && age.compareTo(BigDecimal.valueOf(120)) <= 0
        && age.stripTrailingZeros().scale() <= 0;
  }

  /** Words after a number that make it something other than an age. */
  private boolean unitFollows() {
    Token next = cursor.peek();
    return next != null && (Quantities.atCurrency(cursor) || NOT_AGE_UNITS.contains(next.word()));
  }

  private Item.Cond ageBetween(int low, int high) {
    return Item.Cond.of(
        new CustomerQuery.Field(CustomerField.AGE, Comparison.of(Op.BETWEEN, low, high)));
  }

  /** A decade as written: 30s, thirties. */
  private Integer decade() {
    Token token = cursor.peek();
    if (token == null) {
      return null;
    }
    if (token.isNumber() && token.has(Token.DECADE)) {
      cursor.pos++;
      return token.number().intValue();
    }
    Integer word = Words.DECADE_WORDS.get(token.word());
    if (word != null) {
      cursor.pos++;
    }
    return word;
  }

  /** "born after 1990", "born in the 80s", "born between 1980 and 1990", "born in 1985". */
  private Item born() {
    int start = cursor.pos;
    if (cursor.acceptAny("born", "birth year", "year of birth") == null) {
      return null;
    }
    Op op;
    if (cursor.acceptAny("in or after", "on or after", "since") != null) {
      op = Op.GTE;
    } else if (cursor.acceptAny("in or before", "on or before") != null) {
      op = Op.LTE;
    } else if (cursor.acceptAny("after", "later than") != null) {
      op = Op.GT;
    } else if (cursor.acceptAny("before", "earlier than", "prior to") != null) {
      op = Op.LT;
    } else if (cursor.accept("between")) {
      Integer from = birthYear();
      Integer to = cursor.acceptAny("and", "-", "to") != null ? birthYear() : null;
      if (from == null || to == null) {
        cursor.pos = start;
        return null;
      }
      return yearOfBirth(Comparison.of(Op.BETWEEN, Math.min(from, to), Math.max(from, to)));
    } else {
      cursor.acceptAny("in the", "in", "during the", "during", "is");
      op = Op.EQ;
      Integer decade = decade();
      if (decade != null) {
        int first = decade >= 100 ? decade : century(decade) + decade;
        return yearOfBirth(Comparison.of(Op.BETWEEN, first, first + 9));
      }
    }
    Integer year = birthYear();
    if (year == null) {
      cursor.pos = start;
      return null;
    }
    return yearOfBirth(Comparison.of(op, year));
  }

  /** The century of a two-digit decade of birth: the 80s are 1980s, the 00s 2000s. */
  private int century(int decade) {
    return 2000 + decade <= scan.today.getYear() - 13 ? 2000 : 1900;
  }

  private Integer birthYear() {
    return TimePhrases.year(cursor);
  }

  private Item.Cond yearOfBirth(Comparison comparison) {
    return Item.Cond.of(new CustomerQuery.Field(CustomerField.YEAR_OF_BIRTH, comparison));
  }

  /** "millennials", "gen Z", "baby boomers". */
  private Item generation() {
    for (Map.Entry<String, int[]> generation : GENERATIONS.entrySet()) {
      if (cursor.accept(generation.getKey())) {
        int[] years = generation.getValue();
        return yearOfBirth(Comparison.of(Op.BETWEEN, years[0], years[1]));
      }
    }
    return null;
  }

  // Status and consent.

  /** "active", "banned or suspended", "with status inactive". */
  private Item status() {
    int start = cursor.pos;
    cursor.acceptAny(
        "with status", "with a status of", "account status", "status is", "status of", "status");
    List<String> statuses = scan.list(() -> cursor.acceptWord(STATUSES), null);
    if (statuses.isEmpty()) {
      cursor.pos = start;
      return null;
    }
    cursor.acceptAny("status", "accounts", "account");
    return Item.Cond.of(
        new CustomerQuery.Field(CustomerField.STATUS, oneOf(new LinkedHashSet<>(statuses))));
  }

  /**
   * "subscribed to SMS", "opted in to email and push", "opted out of email", "with email consent",
   * "accepts marketing emails", "newsletter subscribers", else {@link #reachable}.
   */
  private Item consent() {
    int start = cursor.pos;
    Boolean value = null;
    boolean needsNoun = false;
    if (cursor.acceptAny(CONSENT_VERBS) != null) {
      value = true;
    } else if (cursor.acceptAny(OPT_OUT_VERBS) != null) {
      value = false;
    } else if (cursor.acceptAny("with", "have", "has", "gave", "given", "who gave") != null) {
      value = true;
      needsNoun = true;
    }
    boolean verb = value != null;
    cursor.accept("the");
    List<CustomerField> channels = scan.list(this::channel, null, "to", "the");
    if (channels.isEmpty()) {
      cursor.pos = start;
      return reachable();
    }
    if (cursor.acceptAny(CONSENT_NOUNS) != null) {
      value = value == null || value;
    } else if (!verb && cursor.acceptAny(OPT_OUT_NOUNS) != null) {
      value = false;
    } else if (!verb || needsNoun) {
      cursor.pos = start;
      return reachable();
    }
    cursor.acceptAny("marketing", "messages", "updates", "notifications");
    boolean opted = value;
    List<CustomerQuery> conditions = new ArrayList<>();
    for (CustomerField channel : channels) {
      conditions.add(new CustomerQuery.Field(channel, Comparison.eq(opted)));
    }
    return Item.Cond.of(
        conditions.size() == 1 ? conditions.getFirst() : new CustomerQuery.And(conditions));
  }

  private CustomerField channel() {
    if (cursor.acceptAny(EMAIL_CHANNEL) != null) {
      return CustomerField.EMAIL_OPT_IN;
    }
    if (cursor.acceptAny(SMS_CHANNEL) != null) {
      return CustomerField.SMS_OPT_IN;
    }
    if (cursor.acceptAny(PUSH_CHANNEL) != null) {
      return CustomerField.PUSH_OPT_IN;
    }
    return null;
  }

  /** "can be emailed", "emailable", "reachable by SMS", "subscribers". */
  private Item reachable() {
    int start = cursor.pos;
    cursor.acceptAny("can be", "who can be", "be");
    CustomerField field = null;
    if (cursor.acceptAny("emailed", "emailable", "mailed") != null) {
      field = CustomerField.EMAIL_OPT_IN;
    } else if (cursor.acceptAny("texted", "textable", "sent sms", "sent texts") != null) {
      field = CustomerField.SMS_OPT_IN;
    } else if (cursor.acceptAny("pushed", "sent push notifications", "sent push") != null) {
      field = CustomerField.PUSH_OPT_IN;
    } else if (cursor.acceptAny("reachable", "contactable", "reached", "contacted") != null
        && cursor.acceptAny("by", "via", "through", "over") != null) {
      field = channel();
    } else {
      cursor.pos = start;
      if (cursor.acceptAny("subscribers", "subscribed") != null) {
        field = CustomerField.EMAIL_OPT_IN;
      }
    }
    if (field == null) {
      cursor.pos = start;
      return null;
    }
    return Item.Cond.of(new CustomerQuery.Field(field, Comparison.eq(true)));
  }

  // Email, names, tags.

  /** "gmail users", "with a yahoo address", "emails ending in example.com", "@acme.co.uk". */
  private Item emailDomain() {
    int start = cursor.pos;
    cursor.acceptAny("whose", "with an", "with a", "with", "using", "uses", "use", "on", "via");
    boolean lead =
        cursor.acceptAny(
                "email addresses",
                "email address",
                "email domain",
                "emails",
                "email",
                "e mail",
                "addresses",
                "address",
                "domain")
            != null;
    if (lead) {
      cursor.acceptAny(
          "ending in",
          "ending with",
          "that end in",
          "that end with",
          "that ends in",
          "that ends with",
          "ends in",
          "ends with",
          "end in",
          "end with",
          "at",
          "on",
          "is",
          "of",
          "from",
          "@");
    }
    boolean explicit = cursor.pos > start;
    boolean[] literal = {false};
    List<List<String>> domains = scan.list(() -> domains(literal), null, "@");
    if (domains.isEmpty()) {
      cursor.pos = start;
      return null;
    }
    boolean noun =
        cursor.acceptAny(
                "email addresses",
                "email address",
                "emails",
                "email",
                "addresses",
                "address",
                "accounts",
                "account",
                "users",
                "user",
                "customers",
                "mail",
                "domain")
            != null;
    if (!noun && !explicit && !literal[0]) {
      cursor.pos = start;
      return null;
    }
    Set<Object> values = new LinkedHashSet<>();
    domains.forEach(values::addAll);
    return Item.Cond.of(new CustomerQuery.Field(CustomerField.EMAIL_DOMAIN, oneOf(values)));
  }

  /** EQ for one value, IN for several. */
  private static Comparison oneOf(java.util.Collection<Object> values) {
    return values.size() == 1
        ? Comparison.eq(values.iterator().next())
        : new Comparison(Op.IN, List.copyOf(values));
  }

  private List<String> domains(boolean[] literal) {
    Token token = cursor.peek();
    if (token == null) {
      return null;
    }
    if (token.kind() == Token.Kind.DOMAIN) {
      cursor.pos++;
      literal[0] = true;
      return List.of(token.word());
    }
    List<String> domains = token.isWord() ? lexicon.domainsByProvider.get(token.word()) : null;
    if (domains == null) {
      return null;
    }
    cursor.pos++;
    return domains;
  }

  /** "email john@example.com". */
  private Item email() {
    int start = cursor.pos;
    cursor.acceptAny(
        "with email address",
        "with email",
        "email address is",
        "email is",
        "email address",
        "email");
    Token token = cursor.peek();
    if (token == null || token.kind() != Token.Kind.EMAIL) {
      cursor.pos = start;
      return null;
    }
    cursor.pos++;
    return Item.Cond.of(new CustomerQuery.Field(CustomerField.EMAIL, Comparison.eq(token.word())));
  }

  /** "named Smith", "called Anna Müller", "with the last name Jones", "first name Maria". */
  private Item name() {
    int start = cursor.pos;
    CustomerField field;
    if (cursor.acceptAny("first name", "firstname", "given name", "forename") != null) {
      field = CustomerField.FIRST_NAME;
    } else if (cursor.acceptAny("last name", "lastname", "surname", "family name") != null) {
      field = CustomerField.LAST_NAME;
    } else if (cursor.acceptAny("named", "called", "by the name of", "name is", "name") != null) {
      field = CustomerField.NAME;
    } else {
      return null;
    }
    boolean called = cursor.tokens.get(start).is("called");
    cursor.acceptAny("is", "of", "=", ":");
    int[] read = {0};
    List<List<String>> names = scan.list(() -> fullName(called || read[0]++ > 0), null);
    if (names.isEmpty()) {
      cursor.pos = start;
      return null;
    }
    if (names.size() == 1 && names.getFirst().size() == 2 && field == CustomerField.NAME) {
      List<String> name = names.getFirst();
      return Item.Cond.of(
          new CustomerQuery.And(
              List.of(
                  new CustomerQuery.Field(CustomerField.FIRST_NAME, Comparison.eq(name.get(0))),
                  new CustomerQuery.Field(CustomerField.LAST_NAME, Comparison.eq(name.get(1))))));
    }
    Set<Object> values = new LinkedHashSet<>();
    names.forEach(name -> values.add(String.join(" ", name)));
    return Item.Cond.of(new CustomerQuery.Field(field, oneOf(values)));
  }

  /**
   * One name, or a first and last name when both are capitalised: "Smith", "Anna Müller". {@code
   * cautious} (after "called", or a second name in a list): not a word the grammar knows.
   */
  private List<String> fullName(boolean cautious) {
    Token first = cursor.peek();
    if (first == null
        || !first.isWord()
        || Words.AND.contains(first.word())
        || Words.OR.contains(first.word())
        || (cautious
            && (Words.FILLERS.contains(first.word())
                || (!first.has(Token.CAPITALISED) && scan.knownAt(cursor.pos))))) {
      return null;
    }
    cursor.pos++;
    List<String> name = new ArrayList<>(List.of(first.text().toLowerCase(Locale.ROOT)));
    Token second = cursor.peek();
    if (second != null
        && second.isWord()
        && first.has(Token.CAPITALISED)
        && second.has(Token.CAPITALISED)
        && !scan.knownAt(cursor.pos)) {
      cursor.pos++;
      name.add(second.text().toLowerCase(Locale.ROOT));
    }
    return name;
  }

  /** "tagged vip", "with the tag wholesale", "tagged vip or press". */
  private Item tags() {
    int start = cursor.pos;
    if (cursor.acceptAny("tagged as", "tagged with", "tagged", "with the tag", "with tag", "tag")
        == null) {
      return null;
    }
    List<String> tags =
        scan.list(
            () -> {
              Token token = cursor.peek();
              if (token == null || !token.isWord() || Words.AND.contains(token.word())) {
                return null;
              }
              cursor.pos++;
              return token.text().toLowerCase(Locale.ROOT);
            },
            null);
    if (tags.isEmpty()) {
      cursor.pos = start;
      return null;
    }
    return Item.Cond.of(
        new CustomerQuery.Field(CustomerField.TAGS, oneOf(new LinkedHashSet<>(tags))));
  }

  /**
   * "acquired via paid search", "came through referrals", "referred customers", "organic signups".
   */
  private Item acquisition() {
    int start = cursor.pos;
    String channel;
    if (cursor.acceptAny(
            "acquired",
            "came in",
            "came",
            "signed up",
            "joined",
            "found us",
            "arrived",
            "converted")
        != null) {
      channel =
          cursor.acceptAny("via", "through", "from", "by", "with", "thanks to") != null
              ? channelWord()
              : null;
    } else if (cursor.acceptAny("from", "via", "through") != null) {
      channel = channelWord();
      if ("email".equals(channel)) {
        channel = null;
      }
    } else if (cursor.acceptAny("were referred", "referred") != null) {
      channel = "referral";
      cursor.acceptAny("by a friend", "by friends");
    } else {
      channel = channelWord();
      if (channel != null
          && (channel.equals("email")
              || cursor.acceptAny("customers", "signups", "sign ups", "acquisitions", "users")
                  == null)) {
        channel = null;
      }
    }
    if (channel == null) {
      cursor.pos = start;
      return null;
    }
    return Item.Cond.of(
        new CustomerQuery.Field(CustomerField.ACQUISITION_CHANNEL, Comparison.eq(channel)));
  }

  private String channelWord() {
    String phrase = cursor.acceptAny(CHANNEL_PHRASES);
    return phrase == null ? null : CHANNELS.get(phrase);
  }

  // Segments and dates.

  /** "at risk", "in the high value segment", "champions". */
  private Item segment() {
    int start = cursor.pos;
    cursor.acceptAny(
        "in the segment", "in segment", "segment", "in the", "part of the", "members of the", "in");
    PhraseIndex.Hit<String> hit = lexicon.segments.longest(cursor.tokens, cursor.pos);
    if (hit == null) {
      cursor.pos = start;
      return null;
    }
    cursor.pos = hit.end();
    cursor.acceptAny("segment", "group", "cohort");
    return Item.Cond.of(new CustomerQuery.InSegment(hit.first()));
  }

  /** "new customers" = signed up in the last 30 days; "new customers this month". */
  private Item newCustomers() {
    if (cursor.acceptAny(
            "newly registered",
            "newly signed up",
            "new signups",
            "new sign ups",
            "new registrations",
            "recent signups",
            "recent sign ups")
        == null) {
      if (!cursor.accept("new") || cursor.acceptAny(SUBJECT_WORDS) == null) {
        return null;
      }
    }
    return scan.trailingWindow(
        Item.Cond.windowed(signupIn(), new TimeWindow.Rolling(30, TimeWindow.Unit.DAY)));
  }

  /** "signed up last month", "joined in 2025", "registered since March", "customers since 2024". */
  private Item signedUp() {
    int start = cursor.pos;
    if (cursor.acceptAny("customers", "customer", "clients", "client", "members", "member")
        != null) {
      TimeWindow since = cursor.at("since") ? scan.time.window(cursor) : null;
      if (since == null) {
        cursor.pos = start;
        return null;
      }
      Item.Cond cond = Item.Cond.needingWindow(signupIn());
      cond.window = since;
      return cond;
    }
    if (cursor.acceptAny(
            "signed up",
            "sign ups",
            "signups",
            "joined",
            "registered",
            "created an account",
            "created their account",
            "created accounts",
            "became a customer",
            "became customers",
            "signup date",
            "sign up date",
            "registration date")
        == null) {
      return null;
    }
    cursor.acceptAny("was", "is", "were");
    return scan.trailingWindow(Item.Cond.needingWindow(signupIn()));
  }

  private static java.util.function.Function<TimeWindow, CustomerQuery> signupIn() {
    return window -> new CustomerQuery.During(CustomerField.SIGNUP_DATE, window);
  }

  /** "first ordered in 2025", "whose last order was before March", "last purchase in 2024". */
  private Item orderDates() {
    int start = cursor.pos;
    CustomerField field;
    if (cursor.acceptAny(
            "placed their first order",
            "made their first order",
            "made their first purchase",
            "placed a first order",
            "first ordered",
            "first purchased",
            "first bought",
            "first order",
            "first purchase")
        != null) {
      field = CustomerField.FIRST_ORDER_AT;
    } else if (cursor.acceptAny(
            "last ordered",
            "last purchased",
            "last bought",
            "last order",
            "last purchase",
            "most recent order",
            "most recent purchase",
            "latest order",
            "latest purchase")
        != null) {
      field = CustomerField.LAST_ORDER_AT;
    } else {
      return null;
    }
    cursor.acceptAny("was", "is", "were", "date", "placed");
    TimeWindow window = scan.time.window(cursor);
    if (window == null) {
      cursor.pos = start;
      return null;
    }
    Item.Cond cond = Item.Cond.needingWindow(w -> new CustomerQuery.During(field, w));
    cond.window = window;
    return cond;
  }
}
