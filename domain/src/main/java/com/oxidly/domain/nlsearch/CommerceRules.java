package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.TimeWindow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Money and orders: "spent over $500 last month", "more than 3 orders", "never ordered", "no
 * purchase in 3 months", "average order value over $80", "bought espresso machines", "coffee
 * buyers", "predicted CLV above 1k", "engagement score over 70".
 */
final class CommerceRules {

  private static final String[] ORDER_UNITS = {
    "orders", "order", "purchases", "purchase", "transactions", "transaction", "times", "time"
  };
  private static final String[] ORDER_NOUNS = {
    "orders", "order", "purchases", "purchase", "transactions", "transaction"
  };
  private static final String[] ORDER_VERBS = {
    "placed",
    "place",
    "places",
    "made",
    "make",
    "makes",
    "ordered",
    "order",
    "orders",
    "purchased",
    "purchase",
    "purchases",
    "bought",
    "buy",
    "buys",
    "shopped",
    "shop",
    "shops",
    "transacted"
  };
  private static final String[] BUY_VERBS = {
    "bought", "buy", "buys", "buying", "purchased", "purchase", "purchases", "purchasing",
    "ordered", "order", "orders", "ordering", "got", "shopped for", "shopped from", "shopped in",
    "shopped"
  };
  private static final String[] SPEND_WORDS = {
    "total amount spent",
    "amount spent",
    "lifetime spending",
    "lifetime spend",
    "total spending",
    "total spend",
    "total spent",
    "total revenue",
    "have spent",
    "has spent",
    "spent",
    "spend",
    "spends",
    "spending",
    "revenue"
  };
  private static final String[] AOV_WORDS = {
    "average order value", "avg order value", "average order size", "average order amount",
    "average basket value", "average basket size", "average basket", "average cart value",
    "average cart", "average spend per order", "average purchase value", "average purchase",
    "average order", "average ticket", "aov"
  };
  private static final String[] CLV_WORDS = {
    "predicted customer lifetime value",
    "predicted lifetime value",
    "customer lifetime value",
    "predicted clv",
    "predicted ltv",
    "lifetime value",
    "clv",
    "ltv"
  };
  private static final String[] BUYER_NOUNS = {
    "buyers",
    "buyer",
    "purchasers",
    "purchaser",
    "customers",
    "customer",
    "shoppers",
    "shopper",
    "owners",
    "owner"
  };
  private static final String[] GOODS_LEAD = {
    "items from the",
    "products from the",
    "items from",
    "products from",
    "from the",
    "from",
    "the",
    "a",
    "an",
    "some",
    "any"
  };
  private static final String[] OF = {"of", "is", "was", "are", "=", ":"};

  /** Verbs that mean "ordered" on their own; "placed" and "made" need "an order" after them. */
  private static final String[] ORDER_ALONE = {
    "ordered", "order", "purchased", "purchase", "bought", "buy", "shopped", "shop", "shops"
  };

  private final Scan scan;
  private final Cursor cursor;

  /** Token spans of item counts read before goods in the current rule. */
  private final List<int[]> counts = new ArrayList<>();

  CommerceRules(Scan scan) {
    this.scan = scan;
    this.cursor = scan.cursor;
  }

  void register(List<Supplier<Item>> rules) {
    rules.add(this::spent);
    rules.add(this::amountInPurchases);
    rules.add(this::orderCount);
    rules.add(this::ordered);
    rules.add(this::repeatBuyers);
    rules.add(this::averageOrderValue);
    rules.add(this::scores);
    rules.add(this::bought);
    rules.add(this::boughtAmount);
    rules.add(this::goodsBuyers);
  }

  /** "spent over $500 last month", "total spend between 100 and 200", "spent $1.5k+". */
  private Item spent() {
    return amountAfter(SPEND_WORDS, CustomerQuery.Spent::new, true);
  }

  /** "average order value over $80", "AOV between 50 and 100 last year". */
  private Item averageOrderValue() {
    return amountAfter(AOV_WORDS, CustomerQuery.AverageOrderValue::new, false);
  }

  /**
   * One of {@code words}, an optional time, then an amount compared: "spent last month over $500".
   * {@code spending} also reads "spent nothing" (= 0), "spent anything" (> 0, as in "hasn't spent
   * anything"), "in total" and "on coffee" (reported: spending is not split by product).
   */
  private Item amountAfter(String[] words, MoneyCondition condition, boolean spending) {
    int start = cursor.pos;
    if (cursor.acceptAny(words) == null) {
      return null;
    }
    TimeWindow before = scan.time.window(cursor);
    cursor.acceptAny(OF);
    int from = cursor.pos;
    String nothing =
        spending ? cursor.acceptAny("nothing", "anything", "something", "money") : null;
    if (nothing != null) {
      Comparison comparison = nothing.equals("nothing") ? Comparison.eq(0) : Comparison.gt(0);
      return withTime(scan.windowed(window -> condition.of(comparison, window)), before);
    }
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.MONEY);
    if (bound == null || bound.first().signum() < 0) {
      cursor.pos = start;
      return null;
    }
    int to = cursor.pos;
    if (!spending) {
      return money(bound, from, to, condition, before);
    }
    cursor.acceptAny("in total", "overall", "total", "in purchases", "in orders");
    Item.Cond cond = money(bound, from, to, condition, before);
    spentOn(cond);
    return cond;
  }

  private static Item.Cond withTime(Item.Cond cond, TimeWindow before) {
    if (before != null && cond.window == null) {
      cond.window = before;
    }
    return cond;
  }

  /** "over $1,000 in purchases", "with more than $500 in orders", "$500+ spenders". */
  private Item amountInPurchases() {
    int from = cursor.pos;
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.MONEY);
    if (bound == null) {
      return null;
    }
    int to = cursor.pos;
    boolean spendWord =
        cursor.acceptAny(
                "in purchases",
                "in orders",
                "in sales",
                "in revenue",
                "in total",
                "in spend",
                "spent",
                "spenders",
                "spender",
                "in total spend",
                "total spend",
                "worth of orders",
                "worth of purchases")
            != null;
    if (!spendWord && bound.currency() == null) {
      cursor.pos = from;
      return null;
    }
    return money(bound, from, to, CustomerQuery.Spent::new, null);
  }

  private interface MoneyCondition {
    CustomerQuery of(Comparison comparison, TimeWindow window);
  }

  private Item.Cond money(
      Quantities.Bound bound, int from, int to, MoneyCondition condition, TimeWindow before) {
    Comparison comparison =
        bound.explicit() || bound.first().signum() == 0
            ? bound.comparison()
            : new Comparison(Op.GTE, List.copyOf(bound.values()));
    Item.Cond cond = withTime(scan.windowed(window -> condition.of(comparison, window)), before);
    scan.noteForeignCurrency(cond, bound, from, to);
    return cond;
  }

  /** "spent over $500 on coffee": spending is not split by product, so "on coffee" is reported. */
  private void spentOn(Item.Cond cond) {
    int on = cursor.pos;
    if (cursor.accept("on") || cursor.accept("for")) {
      cursor.acceptAny("the", "a", "an");
      PhraseIndex.Hit<Lexicon.Goods> hit = scan.lexicon.goods.longest(cursor.tokens, cursor.pos);
      if (hit != null) {
        cursor.pos = hit.end();
        scan.note(cond, on, cursor.pos);
        scan.trailingWindow(cond);
        return;
      }
      cursor.pos = on;
    }
  }

  /**
   * Counted orders compared with a number: "more than 3 orders", "ordered at least twice", "placed
   * 2+ orders", "order count above 5", "zero orders".
   */
  private Item orderCount() {
    int start = cursor.pos;
    boolean countWord =
        cursor.acceptAny(
                "number of orders",
                "number of purchases",
                "order count",
                "purchase count",
                "orders count",
                "count of orders",
                "orders",
                "purchases")
            != null;
    boolean verb = !countWord && cursor.acceptAny(ORDER_VERBS) != null;
    if (countWord) {
      cursor.acceptAny(OF);
    }
    Quantities.Bound bound = Quantities.comparison(cursor, this::timesOrNumber, ORDER_UNITS);
    boolean said = bound != null && (bound.unit() || countWord || timesWord(start));
    if (!said || !whole(bound) || (verb && !bound.unit() && !timesWord(start))) {
      cursor.pos = start;
      return null;
    }
    Comparison comparison = bound.comparison();
    return scan.windowed(window -> new CustomerQuery.OrderCount(comparison, window));
  }

  private boolean timesWord(int start) {
    for (int i = start; i < cursor.pos; i++) {
      if (Words.TIMES_WORDS.containsKey(cursor.tokens.get(i).word())) {
        return true;
      }
    }
    return false;
  }

  private Quantities.Quantity timesOrNumber(Cursor cursor) {
    Token token = cursor.peek();
    if (token != null && Words.TIMES_WORDS.containsKey(token.word())) {
      cursor.pos++;
      return new Quantities.Quantity(BigDecimal.valueOf(Words.TIMES_WORDS.get(token.word())), null);
    }
    if (cursor.at("no") || cursor.at("none")) {
      return null;
    }
    return Quantities.NUMBER.read(cursor);
  }

  private static boolean whole(Quantities.Bound bound) {
    return bound.values().stream()
        .allMatch(v -> v.signum() >= 0 && v.stripTrailingZeros().scale() <= 0);
  }

  /**
   * At least one counted order: "ordered", "placed an order last month", "made a purchase", "with
   * orders", "bought anything". Negated it reads "never ordered", "no orders", "hasn't ordered in
   * 90 days".
   */
  private Item ordered() {
    int start = cursor.pos;
    if (cursor.acceptAny(ORDER_VERBS) != null) {
      cursor.acceptAny("an", "a", "any", "some", "at least one", "one or more");
      if (cursor.acceptAny(ORDER_NOUNS) != null
          || cursor.acceptAny("anything", "something", "at least once") != null) {
        return scan.windowed(window -> new CustomerQuery.OrderCount(Comparison.gte(1), window));
      }
      cursor.pos = start;
      if (cursor.acceptAny(ORDER_ALONE) != null) {
        return scan.windowed(window -> new CustomerQuery.OrderCount(Comparison.gte(1), window));
      }
    }
    cursor.acceptAny("an", "a", "any", "some", "at least one", "one or more");
    if (cursor.acceptAny(ORDER_NOUNS) == null) {
      cursor.pos = start;
      return null;
    }
    return scan.windowed(window -> new CustomerQuery.OrderCount(Comparison.gte(1), window));
  }

  /** "repeat customers" (2 or more orders), "one-time buyers" (exactly one). */
  private Item repeatBuyers() {
    String kind =
        cursor.acceptAny("repeat", "returning", "one time", "single purchase", "first time");
    if (kind == null || cursor.acceptAny(BUYER_NOUNS) == null) {
      return null;
    }
    Comparison comparison =
        kind.equals("repeat") || kind.equals("returning")
            ? Comparison.gte(2)
            : Comparison.eq(BigDecimal.ONE);
    return scan.windowed(window -> new CustomerQuery.OrderCount(comparison, window));
  }

  /** Analytics scores: predicted CLV, engagement score, sentiment score, P(alive). */
  private Item scores() {
    int start = cursor.pos;
    CustomerField field;
    Quantities.Reader reader;
    if (cursor.acceptAny(CLV_WORDS) != null) {
      field = CustomerField.PREDICTED_CLV;
      reader = Quantities.MONEY;
    } else if (cursor.acceptAny("engagement score", "engagement") != null) {
      field = CustomerField.ENGAGEMENT_SCORE;
      reader = Quantities.NUMBER;
    } else if (cursor.acceptAny("sentiment score", "sentiment") != null) {
      field = CustomerField.SENTIMENT_SCORE;
      reader = Quantities.SIGNED;
    } else if (cursor.acceptAny(
            "p ( alive )",
            "p alive",
            "probability alive",
            "probability of being alive",
            "chance of being alive")
        != null) {
      field = CustomerField.P_ALIVE;
      reader = Quantities.NUMBER;
    } else {
      return null;
    }
    cursor.acceptAny(OF);
    int from = cursor.pos;
    Quantities.Bound bound = Quantities.comparison(cursor, reader);
    if (bound == null || (!bound.explicit() && field != CustomerField.PREDICTED_CLV)) {
      cursor.pos = start;
      return null;
    }
    Comparison comparison =
        bound.explicit() ? bound.comparison() : new Comparison(Op.GTE, List.copyOf(bound.values()));
    Item.Cond cond = Item.Cond.of(new CustomerQuery.Field(field, comparison));
    scan.noteForeignCurrency(cond, bound, from, cursor.pos);
    return cond;
  }

  /**
   * "bought espresso machines", "purchased coffee or tea last month", "ordered Voltic products",
   * "bought an espresso machine but not coffee", "bought coffee in May and tea in June".
   */
  private Item bought() {
    int start = cursor.pos;
    if (cursor.acceptAny(BUY_VERBS) == null) {
      return null;
    }
    counts.clear();
    Purchases bought = purchases();
    if (bought == null) {
      cursor.pos = start;
      return null;
    }
    Purchases except = null;
    int before = cursor.pos;
    if (cursor.acceptAny(
            "but not", "and not", "but no", "except for", "except", "excluding", "but never")
        != null) {
      except = purchases();
      if (except == null) {
        cursor.pos = before;
      }
    }
    Purchases excluded = except;
    Item.Cond cond =
        Item.Cond.windowed(
            window -> {
              CustomerQuery query = bought.query(window);
              if (excluded == null) {
                return query;
              }
              return new CustomerQuery.And(
                  List.of(query, new CustomerQuery.Not(excluded.query(window))));
            });
    cond.window = (excluded != null ? excluded : bought).windows().getLast();
    for (int[] count : counts) {
      scan.note(cond, count[0], count[1]);
    }
    return cond;
  }

  /**
   * Goods joined by and/or, each optionally followed by its time: a time applies to the goods since
   * the previous time ("coffee and tea last month", "coffee in May and tea in June").
   */
  private record Purchases(List<Lexicon.Goods> goods, List<TimeWindow> windows, boolean anyOf) {
    CustomerQuery query(TimeWindow fallback) {
      List<CustomerQuery> each = new ArrayList<>();
      for (int i = 0; i < goods.size(); i++) {
        TimeWindow window = windows.get(i) != null ? windows.get(i) : fallback;
        each.add(goodsCondition(List.of(goods.get(i)), false, window));
      }
      if (each.size() == 1) {
        return each.getFirst();
      }
      return anyOf ? new CustomerQuery.Or(each) : new CustomerQuery.And(each);
    }
  }

  private Purchases purchases() {
    List<Lexicon.Goods> goods = new ArrayList<>();
    List<TimeWindow> windows = new ArrayList<>();
    boolean anyOf = false;
    while (!cursor.atEnd()) {
      int before = cursor.pos;
      String joint =
          goods.isEmpty() ? "" : cursor.acceptAny(", or", ", and", "or", "and", ",", "&", "/");
      if (joint == null) {
        break;
      }
      Lexicon.Goods one = goods();
      if (one == null) {
        cursor.pos = before;
        break;
      }
      if (!joint.isEmpty() && !joint.equals(",")) {
        anyOf = joint.contains("or") || joint.equals("/");
      }
      goods.add(one);
      windows.add(scan.time.window(cursor));
    }
    if (goods.isEmpty()) {
      return null;
    }
    TimeWindow later = null;
    for (int i = windows.size() - 1; i >= 0; i--) {
      if (windows.get(i) != null) {
        later = windows.get(i);
      } else {
        windows.set(i, later);
      }
    }
    return new Purchases(goods, windows, anyOf);
  }

  /**
   * "bought more than $100 of coffee", "purchased $500 worth": spending is not split by product, so
   * it reads as spent, and the product is reported.
   */
  private Item boughtAmount() {
    int start = cursor.pos;
    if (cursor.acceptAny(BUY_VERBS) == null) {
      return null;
    }
    cursor.acceptAny("for");
    int from = cursor.pos;
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.MONEY);
    if (bound == null || bound.currency() == null && !bound.explicit()) {
      cursor.pos = start;
      return null;
    }
    int to = cursor.pos;
    cursor.acceptAny("worth", "in total", "total");
    Item.Cond cond = money(bound, from, to, CustomerQuery.Spent::new, null);
    int of = cursor.pos;
    if (cursor.acceptAny("worth of", "of", "on", "in") != null && goods() != null) {
      scan.note(cond, of, cursor.pos);
      scan.trailingWindow(cond);
    } else {
      cursor.pos = of;
    }
    return cond;
  }

  /** "coffee buyers", "espresso machine owners", "Kitchen customers". */
  private Item goodsBuyers() {
    int start = cursor.pos;
    boolean[] usedOr = {false};
    List<Lexicon.Goods> goods = scan.list(this::bareGoodsNotPlace, usedOr);
    if (goods.isEmpty() || cursor.acceptAny(BUYER_NOUNS) == null) {
      cursor.pos = start;
      return null;
    }
    boolean anyOf = usedOr[0];
    return scan.windowed(window -> goodsCondition(goods, anyOf, window));
  }

  private static CustomerQuery goodsCondition(
      List<Lexicon.Goods> goods, boolean anyOf, TimeWindow window) {
    List<CustomerQuery> conditions = new ArrayList<>();
    for (Lexicon.Goods one : goods) {
      List<CustomerQuery> each = new ArrayList<>();
      for (String term : one.terms()) {
        each.add(new CustomerQuery.Bought(term, window));
      }
      conditions.add(each.size() == 1 ? each.getFirst() : new CustomerQuery.Or(each));
    }
    if (conditions.size() == 1) {
      return conditions.getFirst();
    }
    return anyOf ? new CustomerQuery.Or(conditions) : new CustomerQuery.And(conditions);
  }

  /**
   * Something the store sells, after an optional article: a category, words of product names or a
   * brand (its products). "products", "items" or "category" after it are read with it, and so is a
   * category that only repeats what the products are ("Swiss Water coffee").
   */
  private Lexicon.Goods goods() {
    int start = cursor.pos;
    cursor.acceptAny(GOODS_LEAD);
    int count = cursor.pos;
    Token token = cursor.peek();
    if (token != null
        && token.isPlainInteger()
        && scan.lexicon.goods.longest(cursor.tokens, count + 1) != null) {
      // "bought 2 espresso machines": how many items is not in the query model; reported.
      cursor.pos++;
      counts.add(new int[] {count, count + 1});
    }
    Lexicon.Goods goods = bareGoods();
    if (goods == null) {
      cursor.pos = start;
    }
    return goods;
  }

  /** Goods words that are not exactly a place: "Swiss customers" are in Switzerland. */
  private Lexicon.Goods bareGoodsNotPlace() {
    PhraseIndex.Hit<Lexicon.Place> place = scan.lexicon.places.longest(cursor.tokens, cursor.pos);
    PhraseIndex.Hit<Lexicon.Goods> goods = scan.lexicon.goods.longest(cursor.tokens, cursor.pos);
    if (place != null && goods != null && place.end() >= goods.end()) {
      return null;
    }
    return bareGoods();
  }

  private Lexicon.Goods bareGoods() {
    Lexicon.Goods goods = goodsHere();
    if (goods == null) {
      return null;
    }
    int before = cursor.pos;
    Lexicon.Goods category = goodsHere();
    if (category == null
        || category.kind() != Lexicon.GoodsKind.CATEGORY
        || goods.kind() == Lexicon.GoodsKind.CATEGORY
        || !goods.categories().equals(category.categories())) {
      cursor.pos = before;
    }
    cursor.acceptAny(
        "category products",
        "category",
        "products",
        "product",
        "items",
        "item",
        "range",
        "brand products",
        "brand");
    return goods;
  }

  private Lexicon.Goods goodsHere() {
    PhraseIndex.Hit<Lexicon.Goods> hit = scan.lexicon.goods.longest(cursor.tokens, cursor.pos);
    if (hit == null) {
      return null;
    }
    cursor.pos = hit.end();
    Lexicon.Goods best = hit.first();
    for (Lexicon.Goods goods : hit.values()) {
      if (goods.kind().ordinal() < best.kind().ordinal()) {
        best = goods;
      }
    }
    return best;
  }
}
