package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the scanned items into one query tree.
 *
 * <p>Loose time phrases go to the nearest condition that takes one (before them, else after them);
 * "..., but not last month" repeats the condition before it for that time, negated. Joints bind,
 * from tightest to loosest: "not"; "and" or nothing; "or"; a relative clause ("who", "that",
 * "with", a comma); an "or" that starts a new group ("or customers from Munich who...", "or who
 * ...", "including those..."). So "customers in London that have an open ticket or a 1-star review"
 * asks for London and either condition, while "customers from Berlin who bought coffee or customers
 * from Munich who bought tea" gives two groups. Conditions written before the subject noun are
 * grouped ("unhappy or at risk customers in Germany").
 *
 * <p>The tree is normalised so that equal meanings give equal trees: nested and/or are flattened,
 * repeated conditions dropped, alternatives on one text field merged into "is one of", and
 * negations of yes/no conditions turned around ("not opted in" is "opted in is false", "never
 * ordered" is "orders = 0").
 */
final class Assembler {

  private final List<Item> items;
  private final List<Item.Ignored> ignored;
  private int next;

  private Assembler(List<Item> items, List<Item.Ignored> ignored) {
    this.items = items;
    this.ignored = ignored;
  }

  /** The query the items mean; {@code ignored} receives what could not be placed. */
  static CustomerQuery assemble(List<Item> scanned, List<Item.Ignored> ignored) {
    List<Item> items = new ArrayList<>(scanned);
    attachTimes(items, ignored);
    dropIncomplete(items, ignored);
    markAlternatives(items);
    groupBeforeSubject(items);
    Assembler assembler = new Assembler(items, ignored);
    CustomerQuery query = null;
    while (assembler.next < items.size()) {
      CustomerQuery part = assembler.alternatives();
      if (part != null) {
        query = query == null ? part : and(List.of(query, part));
      }
      if (assembler.next < items.size()) {
        // A closing parenthesis without an opening one.
        assembler.next++;
      }
    }
    return query == null ? new CustomerQuery.All() : query;
  }

  private static void attachTimes(List<Item> items, List<Item.Ignored> ignored) {
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Item.Time time)) {
        continue;
      }
      Item.Cond repeated = repeatedForTime(items, i);
      if (repeated != null) {
        items.set(i, repeated.at(time.window()));
        continue;
      }
      Item.Cond target = null;
      for (int j = i - 1; j >= 0 && target == null && !isOr(items.get(j)); j--) {
        if (items.get(j) instanceof Item.Cond cond && cond.takesWindow()) {
          target = cond;
        }
      }
      for (int j = i + 1; j < items.size() && target == null && !isOr(items.get(j)); j++) {
        if (items.get(j) instanceof Item.Cond cond && cond.takesWindow()) {
          target = cond;
        }
      }
      if (target != null) {
        target.window = time.window();
      } else {
        ignored.add(new Item.Ignored(time.at(), time.text()));
      }
      items.remove(i--);
    }
  }

  /** "bought tea, but not last month": the condition before "not", for the time after it. */
  private static Item.Cond repeatedForTime(List<Item> items, int time) {
    int j = time - 1;
    if (j < 0 || !(items.get(j) instanceof Item.Join not) || not.joint() != Item.Joint.NOT) {
      return null;
    }
    for (j--; j >= 0 && isAnd(items.get(j)); j--) {
      // skip "but", "and"
    }
    return j >= 0 && items.get(j) instanceof Item.Cond cond && cond.windowable ? cond : null;
  }

  private static boolean isAnd(Item item) {
    return item instanceof Item.Join join
        && (join.joint() == Item.Joint.AND || join.joint() == Item.Joint.CLAUSE);
  }

  private static boolean isOr(Item item) {
    return item instanceof Item.Join join
        && (join.joint() == Item.Joint.OR || join.joint() == Item.Joint.ALTERNATIVE);
  }

  private static boolean is(Item item, Item.Joint joint) {
    return item instanceof Item.Join join && join.joint() == joint;
  }

  /** "signed up" with no time says nothing: it is reported, not turned into a condition. */
  private static void dropIncomplete(List<Item> items, List<Item.Ignored> ignored) {
    items.removeIf(
        item -> {
          if (item instanceof Item.Cond cond && !cond.complete()) {
            ignored.add(new Item.Ignored(cond.at, cond.text));
            return true;
          }
          return false;
        });
  }

  /** "or" before a subject noun or a relative clause starts a new group. */
  private static void markAlternatives(List<Item> items) {
    for (int i = 0; i + 1 < items.size(); i++) {
      if (items.get(i) instanceof Item.Join or
          && or.joint() == Item.Joint.OR
          && (items.get(i + 1) instanceof Item.Subject
              || is(items.get(i + 1), Item.Joint.CLAUSE))) {
        items.set(i, new Item.Join(Item.Joint.ALTERNATIVE, or.at(), or.text()));
      }
    }
  }

  private static void groupBeforeSubject(List<Item> items) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Item.Subject) {
        boolean conditions = items.subList(0, i).stream().anyMatch(Item.Cond.class::isInstance);
        boolean or = items.subList(0, i).stream().anyMatch(Assembler::isOr);
        if (conditions && or) {
          items.add(i, new Item.Join(Item.Joint.CLOSE, -1, ")"));
          items.addFirst(new Item.Join(Item.Joint.OPEN, -1, "("));
        }
        return;
      }
    }
  }

  // alternatives := clauses (ALTERNATIVE clauses)*
  private CustomerQuery alternatives() {
    return either(Item.Joint.ALTERNATIVE, this::clauses);
  }

  // clauses := or (CLAUSE or)*
  private CustomerQuery clauses() {
    List<CustomerQuery> all = new ArrayList<>();
    while (next < items.size()) {
      Item item = items.get(next);
      if (is(item, Item.Joint.CLAUSE) || item instanceof Item.Subject) {
        next++;
        continue;
      }
      if (is(item, Item.Joint.ALTERNATIVE) || is(item, Item.Joint.CLOSE)) {
        break;
      }
      int before = next;
      CustomerQuery part = or();
      if (part != null) {
        all.add(part);
      } else if (next == before) {
        // "or" with nothing before it, or a stray joint.
        if (items.get(next++) instanceof Item.Join or && or.joint() == Item.Joint.OR) {
          ignored.add(new Item.Ignored(or.at(), or.text()));
        }
      }
    }
    return all.isEmpty() ? null : and(all);
  }

  // or := and (OR and)*
  private CustomerQuery or() {
    return either(Item.Joint.OR, this::and);
  }

  private CustomerQuery either(Item.Joint joint, java.util.function.Supplier<CustomerQuery> part) {
    List<CustomerQuery> alternatives = new ArrayList<>();
    CustomerQuery first = part.get();
    if (first != null) {
      alternatives.add(first);
    }
    while (first != null && next < items.size() && is(items.get(next), joint)) {
      Item.Join or = (Item.Join) items.get(next++);
      CustomerQuery right = part.get();
      if (right == null) {
        ignored.add(new Item.Ignored(or.at(), or.text()));
      } else {
        alternatives.add(right);
      }
    }
    return alternatives.isEmpty() ? null : or(alternatives);
  }

  // and := unary ((AND | subject)? unary)*
  private CustomerQuery and() {
    List<CustomerQuery> all = new ArrayList<>();
    while (next < items.size()) {
      Item item = items.get(next);
      if (item instanceof Item.Subject && !all.isEmpty() || is(item, Item.Joint.AND)) {
        next++;
        continue;
      }
      if (!startsUnary(item)) {
        break;
      }
      CustomerQuery unary = unary();
      if (unary != null) {
        all.add(unary);
      }
    }
    return all.isEmpty() ? null : and(all);
  }

  // unary := "not" unary | "(" alternatives ")" | condition
  private CustomerQuery unary() {
    Item item = items.get(next++);
    if (item instanceof Item.Join join) {
      if (join.joint() == Item.Joint.NOT) {
        while (next < items.size()
            && (items.get(next) instanceof Item.Subject || isAnd(items.get(next)))) {
          next++;
        }
        CustomerQuery negated =
            next < items.size() && startsUnary(items.get(next)) ? unary() : null;
        if (negated == null) {
          ignored.add(new Item.Ignored(join.at(), join.text()));
          return null;
        }
        return not(negated);
      }
      CustomerQuery inner = alternatives();
      if (next < items.size() && is(items.get(next), Item.Joint.CLOSE)) {
        next++;
      }
      return inner;
    }
    return ((Item.Cond) item).query();
  }

  private static boolean startsUnary(Item item) {
    return item instanceof Item.Cond || is(item, Item.Joint.NOT) || is(item, Item.Joint.OPEN);
  }

  // Normal forms.

  static CustomerQuery not(CustomerQuery query) {
    return switch (query) {
      case CustomerQuery.Not not -> not.query();
      case CustomerQuery.Field field
          when field.field().type() == ValueType.BOOLEAN && field.comparison().op() == Op.EQ ->
          new CustomerQuery.Field(
              field.field(), Comparison.eq(!((Boolean) field.comparison().values().getFirst())));
      case CustomerQuery.OrderCount count when isAtLeastOne(count.comparison()) ->
          new CustomerQuery.OrderCount(Comparison.eq(BigDecimal.ZERO), count.window());
      case CustomerQuery.OrderCount count when isZero(count.comparison()) ->
          new CustomerQuery.OrderCount(Comparison.gte(1), count.window());
      case CustomerQuery.Spent spent when isAboveZero(spent.comparison()) ->
          new CustomerQuery.Spent(Comparison.eq(BigDecimal.ZERO), spent.window());
      default -> new CustomerQuery.Not(query);
    };
  }

  private static boolean isAtLeastOne(Comparison comparison) {
    return comparison.op() == Op.GTE
        && ((BigDecimal) comparison.values().getFirst()).compareTo(BigDecimal.ONE) == 0;
  }

  private static boolean isAboveZero(Comparison comparison) {
    return comparison.op() == Op.GT && ((BigDecimal) comparison.values().getFirst()).signum() == 0;
  }

  private static boolean isZero(Comparison comparison) {
    return comparison.op() == Op.EQ && ((BigDecimal) comparison.values().getFirst()).signum() == 0;
  }

  static CustomerQuery and(List<CustomerQuery> conditions) {
    Set<CustomerQuery> flat = new LinkedHashSet<>();
    for (CustomerQuery condition : conditions) {
      if (condition instanceof CustomerQuery.And and) {
        flat.addAll(and.all());
      } else if (!(condition instanceof CustomerQuery.All)) {
        flat.add(condition);
      }
    }
    if (flat.isEmpty()) {
      return new CustomerQuery.All();
    }
    return flat.size() == 1 ? flat.iterator().next() : new CustomerQuery.And(List.copyOf(flat));
  }

  static CustomerQuery or(List<CustomerQuery> conditions) {
    Set<CustomerQuery> flat = new LinkedHashSet<>();
    for (CustomerQuery condition : conditions) {
      if (condition instanceof CustomerQuery.Or or) {
        flat.addAll(or.any());
      } else {
        flat.add(condition);
      }
    }
    List<CustomerQuery> merged = mergeTextAlternatives(flat);
    return merged.size() == 1 ? merged.getFirst() : new CustomerQuery.Or(merged);
  }

  /** "city is berlin or city is munich" is "city is one of berlin, munich". */
  private static List<CustomerQuery> mergeTextAlternatives(Set<CustomerQuery> alternatives) {
    Map<Object, List<Object>> values = new LinkedHashMap<>();
    for (CustomerQuery alternative : alternatives) {
      if (alternative instanceof CustomerQuery.Field field
          && field.field().type() == ValueType.TEXT
          && (field.comparison().op() == Op.EQ || field.comparison().op() == Op.IN)) {
        List<Object> list = values.computeIfAbsent(field.field(), f -> new ArrayList<>());
        for (Object value : field.comparison().values()) {
          if (!list.contains(value)) {
            list.add(value);
          }
        }
      } else {
        values.put(alternative, null);
      }
    }
    List<CustomerQuery> merged = new ArrayList<>();
    values.forEach(
        (key, list) ->
            merged.add(
                list == null
                    ? (CustomerQuery) key
                    : new CustomerQuery.Field(
                        (CustomerField) key,
                        list.size() == 1
                            ? Comparison.eq(list.getFirst())
                            : new Comparison(Op.IN, List.copyOf(list)))));
    return merged;
  }
}
