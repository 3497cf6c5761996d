package com.oxidly.domain.search;

import com.oxidly.domain.bench.Latencies;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.TimeWindow;
import com.oxidly.domain.time.StoreTimeZone;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency of customer queries through {@link CustomerSearch} (first page of 50 by name, with the
 * exact total: what a customer list asks for) next to a hand-written query for the same condition:
 * Elasticsearch JSON for what the index answers, SQL for sums and averages over a time window,
 * which the search path asks PostgreSQL for. Each pair must agree on the number of customers.
 *
 * <p>Lives in this package next to the executor it measures; the benchmark entry point in the ui
 * module hands it the beans of a running application context.
 */
public final class QueryBenchmark {

  static final int PAGE = 50;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SORT =
      "[{\"last_name_folded\":{\"order\":\"asc\",\"missing\":\"_last\"}},"
          + "{\"first_name_folded\":{\"order\":\"asc\",\"missing\":\"_last\"}},"
          + "{\"customer_uuid\":\"asc\"}]";
  private static final String SQL_PAGE =
      " order by lower(c.last_name), lower(c.first_name), c.customer_uuid limit " + PAGE;
  private static final String COUNTED = " o.status not in ('cancelled', 'refunded')";

  private final CustomerSearch search;
  private final RestClient rest;
  private final NamedParameterJdbcTemplate sql;
  private final Clock clock;
  private final StoreTimeZone zone;
  private final String alias;

  /** Takes the search beans from a running application context. */
  public QueryBenchmark(ListableBeanFactory beans) {
    this.search = beans.getBean(CustomerSearch.class);
    this.rest = beans.getBean(RestClient.class);
    this.sql = beans.getBean(NamedParameterJdbcTemplate.class);
    this.clock = beans.getBean(Clock.class);
    this.zone = beans.getBean(StoreTimeZone.class);
    this.alias = beans.getBean(CustomerIndex.class).alias();
  }

  /** How a case is written by hand. */
  enum Kind {
    ES,
    SQL
  }

  /**
   * One condition.
   *
   * @param tree the customer query as JSON; {@code WINDOW} stands for {@code window}'s JSON
   * @param window the case's time window as JSON, or null
   * @param hand the hand-written query: an Elasticsearch query object or a SQL statement returning
   *     {@code customer_uuid, total} for the first page; {@code ${start}} and {@code ${end}} stand
   *     for the resolved window; see {@link #substitute} for the rest
   */
  record Case(String name, String tree, String window, Kind kind, String hand) {}

  /** Timings and counts of one case. */
  record Outcome(Case query, long treeTotal, long handTotal, Latencies tree, Latencies hand) {}

  /**
   * Runs every case {@code rounds} times after {@code warmup} untimed runs, the tree and the
   * hand-written query alternating, and prints a markdown table.
   *
   * @return the number of cases whose two queries disagree on the count (0 when all agree)
   */
  public int run(int warmup, int rounds, PrintStream out) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Case query : cases()) {
      CustomerQuery tree = tree(query);
      String hand = hand(query);
      long treeTotal = 0;
      long handTotal = 0;
      Latencies treeTimes = new Latencies();
      Latencies handTimes = new Latencies();
      for (int i = 0; i < warmup + rounds; i++) {
        long started = System.nanoTime();
        treeTotal = search.search(tree, 0, PAGE, List.of()).total();
        long between = System.nanoTime();
        handTotal = query.kind() == Kind.ES ? elasticsearch(hand) : postgres(hand);
        long done = System.nanoTime();
        if (i >= warmup) {
          treeTimes.add(between - started);
          handTimes.add(done - between);
        }
      }
      outcomes.add(new Outcome(query, treeTotal, handTotal, treeTimes, handTimes));
    }
    return print(outcomes, rounds, out);
  }

  private int print(List<Outcome> outcomes, int rounds, PrintStream out) {
    out.println(
        "| # | condition | customers | hand-written | tree p50 ms | tree p99 ms | hand p50 ms |"
            + " hand p99 ms | p99 ratio |");
    out.println("| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    Latencies allTree = new Latencies();
    Latencies allHand = new Latencies();
    int mismatches = 0;
    int number = 0;
    for (Outcome outcome : outcomes) {
      number++;
      allTree.addAll(outcome.tree());
      allHand.addAll(outcome.hand());
      boolean same = outcome.treeTotal() == outcome.handTotal();
      if (!same) {
        mismatches++;
      }
      out.printf(
          Locale.ROOT,
          "| %d | %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
          number,
          outcome.query().name(),
          same
              ? String.format(Locale.ROOT, "%,d", outcome.treeTotal())
              : String.format(
                  Locale.ROOT,
                  "**MISMATCH** tree %,d, hand %,d",
                  outcome.treeTotal(),
                  outcome.handTotal()),
          outcome.query().kind() == Kind.ES ? "ES" : "SQL",
          outcome.tree().p50(),
          outcome.tree().p99(),
          outcome.hand().p50(),
          outcome.hand().p99(),
          outcome.tree().p99() / outcome.hand().p99());
    }
    out.printf(
        Locale.ROOT,
        "| | **all %d conditions, %d runs each** | | | **%.1f** | **%.1f** | **%.1f** | **%.1f** |"
            + " **%.2f** |%n",
        outcomes.size(),
        rounds,
        allTree.p50(),
        allTree.p99(),
        allHand.p50(),
        allHand.p99(),
        allTree.p99() / allHand.p99());
    out.println();
    out.printf(
        Locale.ROOT,
        "%d of %d conditions: tree and hand-written query return the same number of customers.%n",
        outcomes.size() - mismatches,
        outcomes.size());
    return mismatches;
  }

  private CustomerQuery tree(Case query) {
    String json =
        query.window() == null ? query.tree() : query.tree().replace("WINDOW", query.window());
    return JSON.readValue(substitute(json), CustomerQuery.class);
  }

  private String hand(Case query) {
    String text = query.hand();
    if (query.window() != null) {
      TimeWindow.Interval interval =
          JSON.readValue(query.window(), TimeWindow.class).resolve(clock, zone.zone());
      text =
          text.replace("${start}", interval.start().toString())
              .replace("${end}", interval.end().toString());
    }
    return substitute(text);
  }

  /**
   * Fills in what depends on today: {@code YEAR_AGO} (365 days ago, to the second) and {@code
   * YEAR_MINUS_n} (the store's current year minus n, for ages).
   */
  private String substitute(String text) {
    int year = clock.instant().atZone(zone.zone()).getYear();
    String result =
        text.replace(
            "YEAR_AGO",
            clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(365, ChronoUnit.DAYS).toString());
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("YEAR_MINUS_(\\d+)").matcher(result);
    return matcher.replaceAll(m -> String.valueOf(year - Integer.parseInt(m.group(1))));
  }

  private long elasticsearch(String query) {
    String body =
        "{\"query\":"
            + query
            + ",\"size\":"
            + PAGE
            + ",\"track_total_hits\":true,\"_source\":false,\"sort\":"
            + SORT
            + "}";
    Request request = new Request("POST", "/" + alias + "/_search");
    request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    try {
      JsonNode response =
          JSON.readTree(EntityUtils.toByteArray(rest.performRequest(request).getEntity()));
      return response.path("hits").path("total").path("value").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException("hand-written search failed: " + body, e);
    }
  }

  private long postgres(String statement) {
    List<Long> totals =
        sql.query(
            statement,
            Map.of(),
            (rs, i) -> {
              rs.getObject(1, UUID.class);
              return rs.getLong(2);
            });
    return totals.isEmpty() ? 0 : totals.getFirst();
  }

  // ---- The conditions ----

  private static String field(String field, String op, String values) {
    return "{\"type\":\"field\",\"field\":\""
        + field
        + "\",\"comparison\":{\"op\":\""
        + op
        + "\",\"values\":["
        + values
        + "]}}";
  }

  private static String and(String... conditions) {
    return "{\"type\":\"and\",\"all\":[" + String.join(",", conditions) + "]}";
  }

  private static String aggregate(String type, String op, String values, boolean windowed) {
    return "{\"type\":\""
        + type
        + "\",\"comparison\":{\"op\":\""
        + op
        + "\",\"values\":["
        + values
        + "]}"
        + (windowed ? ",\"window\":WINDOW" : "")
        + "}";
  }

  private static String bought(String term, boolean windowed) {
    return "{\"type\":\"bought\",\"term\":\""
        + term
        + "\""
        + (windowed ? ",\"window\":WINDOW" : "")
        + "}";
  }

  private static String filter(String... queries) {
    return "{\"bool\":{\"filter\":[" + String.join(",", queries) + "]}}";
  }

  private static String term(String field, String value) {
    return "{\"term\":{\"" + field + "\":" + value + "}}";
  }

  private static String range(String field, String bounds) {
    return "{\"range\":{\"" + field + "\":{" + bounds + "}}}";
  }

  private static String nestedOrders(String term, boolean windowed) {
    return "{\"nested\":{\"path\":\"orders\",\"query\":{\"bool\":{\"filter\":["
        + term("orders.counted", "true")
        + (windowed
            ? "," + range("orders.ordered_at", "\"gte\":\"${start}\",\"lt\":\"${end}\"")
            : "")
        + ",{\"bool\":{\"should\":[{\"match_phrase\":{\"orders.products\":\""
        + term
        + "\"}},{\"match_phrase\":{\"orders.categories\":\""
        + term
        + "\"}}],\"minimum_should_match\":1}}]}}}}";
  }

  private static String nested(String path, String... filters) {
    return "{\"nested\":{\"path\":\""
        + path
        + "\",\"query\":{\"bool\":{\"filter\":["
        + String.join(",", filters)
        + "]}}}}";
  }

  /** Customers whose counted orders in the window satisfy {@code having}, first page and total. */
  private static String windowSql(String customerCondition, String having) {
    return "with w as (select o.customer_uuid from orders o where o.ordered_at >= '${start}'"
        + " and o.ordered_at < '${end}' and"
        + COUNTED
        + " group by o.customer_uuid having "
        + having
        + ") select c.customer_uuid, count(*) over () from customers c join w using"
        + " (customer_uuid) where "
        + customerCondition
        + SQL_PAGE;
  }

  private static final String LAST_MONTH =
      "{\"kind\":\"calendar\",\"unit\":\"MONTH\",\"offset\":-1}";
  private static final String THIS_YEAR = "{\"kind\":\"calendar\",\"unit\":\"YEAR\",\"offset\":0}";

  private static String rolling(int amount, String unit) {
    return "{\"kind\":\"rolling\",\"amount\":" + amount + ",\"unit\":\"" + unit + "\"}";
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // Profile fields: the index answers alone.
    cases.add(
        es(
            "city is New York",
            field("city", "eq", "\"New York\""),
            term("city_folded", "\"new york\"")));
    cases.add(
        es("country is Germany", field("country", "eq", "\"DE\""), term("country", "\"de\"")));
    cases.add(
        es(
            "status is inactive",
            field("status", "eq", "\"inactive\""),
            term("status", "\"inactive\"")));
    cases.add(es("tagged vip", field("tags", "eq", "\"vip\""), term("tags", "\"vip\"")));
    cases.add(
        es(
            "email at gmail.com",
            field("email_domain", "eq", "\"gmail.com\""),
            term("email_domain", "\"gmail.com\"")));
    cases.add(
        es(
            "acquired through social or influencer",
            field("acquisition_channel", "in", "\"social\",\"influencer\""),
            "{\"terms\":{\"acquisition_channel\":[\"social\",\"influencer\"]}}"));
    cases.add(
        es(
            "aged 25 to 34",
            field("age", "between", "25,34"),
            range("year_of_birth", "\"gte\":YEAR_MINUS_34,\"lte\":YEAR_MINUS_25")));
    cases.add(
        new Case(
            "signed up in the last 30 days",
            "{\"type\":\"during\",\"field\":\"signup_date\",\"window\":WINDOW}",
            rolling(30, "DAY"),
            Kind.ES,
            range("signup_date", "\"gte\":\"${start}\",\"lt\":\"${end}\"")));
    cases.add(
        es(
            "spent over $1,000",
            aggregate("spent", "gt", "1000", false),
            range("total_spent", "\"gt\":1000")));
    cases.add(
        es(
            "10 or more orders",
            aggregate("order_count", "gte", "10", false),
            range("order_count", "\"gte\":10")));
    cases.add(
        es(
            "in the US and opted in to email",
            and(field("country", "eq", "\"US\""), field("email_opt_in", "eq", "true")),
            filter(term("country", "\"us\""), term("email_opt_in", "true"))));
    cases.add(
        es(
            "last order more than a year ago",
            field("last_order_at", "lt", "\"YEAR_AGO\""),
            range("last_order_at", "\"lt\":\"YEAR_AGO\"")));
    cases.add(
        es(
            "named Smith",
            field("name", "eq", "\"Smith\""),
            "{\"bool\":{\"should\":["
                + term("first_name_folded", "\"smith\"")
                + ","
                + term("last_name_folded", "\"smith\"")
                + "],\"minimum_should_match\":1}}"));
    cases.add(
        es(
            "outside the US and the UK",
            "{\"type\":\"not\",\"query\":" + field("country", "in", "\"US\",\"GB\"") + "}",
            "{\"bool\":{\"must_not\":[{\"terms\":{\"country\":[\"us\",\"gb\"]}}]}}"));
    cases.add(
        es(
            "London or Paris",
            "{\"type\":\"or\",\"any\":["
                + field("city", "eq", "\"London\"")
                + ","
                + field("city", "eq", "\"Paris\"")
                + "]}",
            "{\"terms\":{\"city_folded\":[\"london\",\"paris\"]}}"));
    cases.add(
        es(
            "London, spent over $500, 3 or more orders",
            and(
                field("city", "eq", "\"London\""),
                aggregate("spent", "gt", "500", false),
                aggregate("order_count", "gte", "3", false)),
            filter(
                term("city_folded", "\"london\""),
                range("total_spent", "\"gt\":500"),
                range("order_count", "\"gte\":3"))));
    cases.add(
        es(
            "opted in to SMS and under 30",
            and(field("sms_opt_in", "eq", "true"), field("age", "lt", "30")),
            filter(term("sms_opt_in", "true"), range("year_of_birth", "\"gt\":YEAR_MINUS_30"))));
    // Product purchases: nested orders.
    cases.add(es("bought espresso", bought("espresso", false), nestedOrders("espresso", false)));
    cases.add(
        new Case(
            "bought coffee in the last 90 days",
            bought("coffee", true),
            rolling(90, "DAY"),
            Kind.ES,
            nestedOrders("coffee", true)));
    cases.add(
        new Case(
            "bought headphones last month",
            bought("headphones", true),
            LAST_MONTH,
            Kind.ES,
            nestedOrders("headphones", true)));
    cases.add(
        es(
            "bought tea but never coffee",
            and(
                bought("tea", false),
                "{\"type\":\"not\",\"query\":" + bought("coffee", false) + "}"),
            "{\"bool\":{\"filter\":["
                + nestedOrders("tea", false)
                + "],\"must_not\":["
                + nestedOrders("coffee", false)
                + "]}}"));
    // Reviews and interactions: nested.
    cases.add(
        es(
            "reviewed with 2 stars or fewer",
            "{\"type\":\"reviewed\",\"rating\":{\"op\":\"lte\",\"values\":[2]}}",
            nested("reviews", range("reviews.rating", "\"lte\":2"))));
    cases.add(
        new Case(
            "5-star review in the last year",
            "{\"type\":\"reviewed\",\"rating\":{\"op\":\"eq\",\"values\":[5]},\"window\":WINDOW}",
            rolling(1, "YEAR"),
            Kind.ES,
            nested(
                "reviews",
                term("reviews.rating", "5"),
                range("reviews.created_at", "\"gte\":\"${start}\",\"lt\":\"${end}\""))));
    cases.add(
        es(
            "New York with a 1-star review",
            and(
                field("city", "eq", "\"New York\""),
                "{\"type\":\"reviewed\",\"rating\":{\"op\":\"eq\",\"values\":[1]}}"),
            filter(
                term("city_folded", "\"new york\""),
                nested("reviews", term("reviews.rating", "1")))));
    cases.add(
        es(
            "open or pending support ticket",
            "{\"type\":\"interacted\",\"interactionType\":\"support_ticket\","
                + "\"statuses\":[\"open\",\"pending\"]}",
            nested(
                "interactions",
                term("interactions.type", "\"support_ticket\""),
                "{\"terms\":{\"interactions.status\":[\"open\",\"pending\"]}}")));
    cases.add(
        new Case(
            "chatted in the last 30 days",
            "{\"type\":\"interacted\",\"interactionType\":\"chat\",\"window\":WINDOW}",
            rolling(30, "DAY"),
            Kind.ES,
            nested(
                "interactions",
                term("interactions.type", "\"chat\""),
                range("interactions.created_at", "\"gte\":\"${start}\",\"lt\":\"${end}\""))));
    cases.add(
        es(
            "spent over $200, never a support ticket",
            and(
                aggregate("spent", "gt", "200", false),
                "{\"type\":\"not\",\"query\":{\"type\":\"interacted\","
                    + "\"interactionType\":\"support_ticket\"}}"),
            "{\"bool\":{\"filter\":["
                + range("total_spent", "\"gt\":200")
                + "],\"must_not\":["
                + nested("interactions", term("interactions.type", "\"support_ticket\""))
                + "]}}"));
    // Sums, counts and averages over a window: PostgreSQL answers them.
    cases.add(
        new Case(
            "spent over $500 last month",
            aggregate("spent", "gt", "500", true),
            LAST_MONTH,
            Kind.SQL,
            windowSql("true", "sum(o.total) > 500")));
    cases.add(
        new Case(
            "spent over $200 in the last 90 days",
            aggregate("spent", "gt", "200", true),
            rolling(90, "DAY"),
            Kind.SQL,
            windowSql("true", "sum(o.total) > 200")));
    cases.add(
        new Case(
            "spent under $50 this year (no orders included)",
            aggregate("spent", "lt", "50", true),
            THIS_YEAR,
            Kind.SQL,
            "with w as (select o.customer_uuid, sum(o.total) as spent from orders o"
                + " where o.ordered_at >= '${start}' and o.ordered_at < '${end}' and"
                + COUNTED
                + " group by o.customer_uuid) select c.customer_uuid, count(*) over ()"
                + " from customers c left join w using (customer_uuid)"
                + " where coalesce(w.spent, 0) < 50"
                + SQL_PAGE));
    cases.add(
        new Case(
            "3 or more orders in the last 365 days",
            aggregate("order_count", "gte", "3", true),
            rolling(365, "DAY"),
            Kind.SQL,
            windowSql("true", "count(*) >= 3")));
    cases.add(
        sql(
            "average order over $100",
            aggregate("average_order_value", "gt", "100", false),
            "select c.customer_uuid, count(*) over () from customers c where c.order_count > 0"
                + " and c.total_spent / c.order_count > 100"
                + SQL_PAGE));
    cases.add(
        new Case(
            "New York, spent over $500 last month",
            and(field("city", "eq", "\"New York\""), aggregate("spent", "gt", "500", true)),
            LAST_MONTH,
            Kind.SQL,
            windowSql("lower(c.city) = 'new york'", "sum(o.total) > 500")));
    cases.add(
        new Case(
            "US, email opt-in, 2 or more orders in 6 months",
            and(
                field("country", "eq", "\"US\""),
                field("email_opt_in", "eq", "true"),
                aggregate("order_count", "gte", "2", true)),
            rolling(6, "MONTH"),
            Kind.SQL,
            windowSql("c.country = 'US' and c.email_opt_in", "count(*) >= 2")));
    cases.add(
        new Case(
            "spent $100 to $500 this year",
            aggregate("spent", "between", "100,500", true),
            THIS_YEAR,
            Kind.SQL,
            windowSql("true", "sum(o.total) between 100 and 500")));
    cases.add(
        new Case(
            "average order over $80 in the last year",
            aggregate("average_order_value", "gt", "80", true),
            rolling(1, "YEAR"),
            Kind.SQL,
            windowSql("true", "sum(o.total) / count(*) > 80")));
    return cases;
  }

  private static Case es(String name, String tree, String hand) {
    return new Case(name, tree, null, Kind.ES, hand);
  }

  private static Case sql(String name, String tree, String hand) {
    return new Case(name, tree, null, Kind.SQL, hand);
  }
}
