package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.TimeWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One pass over a sentence: at each token every rule of the grammar is tried and the longest match
 * wins (the first listed on a tie); boolean words become joints; fillers are dropped; anything else
 * is reported as ignored. The rules share this state and its small helpers.
 */
final class Scan {

  /** Prepositions that, just before words that are not understood, are reported with them. */
  private static final Set<String> PREPOSITIONS =
      Set.of("in", "from", "at", "on", "by", "for", "to", "about", "with");

  /** Openings of questions, dropped like fillers: "what about customers in Dublin?". */
  private static final String[] PRELUDES = {
    "what about", "how about", "how many of", "how many", "what are", "what is", "what", "how"
  };

  private static final Set<String> PUNCTUATION = Set.of(".", "?", "!", ":", "*", "#");

  final String sentence;
  final Cursor cursor;
  final Lexicon lexicon;
  final TimePhrases time;
  final LocalDate today;

  final List<Item> items = new ArrayList<>();
  final List<Item.Ignored> ignored = new ArrayList<>();
  final List<String> freeText = new ArrayList<>();

  private final List<Supplier<Item>> rules = new ArrayList<>();
  private final List<Supplier<Item>> conditionRules = new ArrayList<>();
  private final boolean[] dropped;
  private int unknownEnd = -1;

  Scan(String sentence, List<Token> tokens, Lexicon lexicon, LocalDate today) {
    this.sentence = sentence;
    this.cursor = new Cursor(tokens);
    this.lexicon = lexicon;
    this.today = today;
    this.time = new TimePhrases(today);
    this.dropped = new boolean[tokens.size()];
    new PeopleRules(this).register(conditionRules);
    new FeedbackRules(this).register(conditionRules);
    new CommerceRules(this).register(conditionRules);
    rules.addAll(conditionRules);
    rules.add(this::time);
    rules.add(new FreeTextRule(this)::freeText);
  }

  List<Item> run() {
    List<Token> tokens = cursor.tokens;
    while (!cursor.atEnd()) {
      int at = cursor.pos;
      Item best = null;
      int bestEnd = at;
      for (Supplier<Item> rule : rules) {
        cursor.pos = at;
        Item item = rule.get();
        if (item != null && cursor.pos > bestEnd) {
          best = item;
          bestEnd = cursor.pos;
        }
      }
      if (best != null) {
        accept(best, at, bestEnd);
        cursor.pos = bestEnd;
        continue;
      }
      if (cursor.acceptAny(PRELUDES) != null) {
        continue;
      }
      cursor.pos = at + 1;
      Token token = tokens.get(at);
      String word = token.word();
      if (word.equals("(")) {
        items.add(new Item.Join(Item.Joint.OPEN, at, token.text()));
      } else if (word.equals(")")) {
        items.add(new Item.Join(Item.Joint.CLOSE, at, token.text()));
      } else if (Words.OR.contains(word)) {
        Item.Joint joint = word.equals("including") ? Item.Joint.ALTERNATIVE : Item.Joint.OR;
        items.add(new Item.Join(joint, at, token.text()));
      } else if (Words.NOT.contains(word)) {
        items.add(new Item.Join(Item.Joint.NOT, at, token.text()));
      } else if (Words.AND.contains(word)) {
        Item.Joint joint = Words.CLAUSE.contains(word) ? Item.Joint.CLAUSE : Item.Joint.AND;
        items.add(new Item.Join(joint, at, token.text()));
      } else if (Words.SUBJECTS.contains(word)) {
        items.add(new Item.Subject(at));
      } else if (Words.FILLERS.contains(word) || PUNCTUATION.contains(word)) {
        dropped[at] = true;
      } else {
        unknown(at);
      }
    }
    return items;
  }

  private void accept(Item item, int from, int to) {
    switch (item) {
      case Item.Cond cond -> {
        cond.at = from;
        cond.text = cursor.text(sentence, from, to);
        ignored.addAll(cond.notes);
        items.add(cond);
      }
      case Item.Free free -> freeText.add(free.text());
      case Item.Unsupported unsupported ->
          ignored.add(new Item.Ignored(unsupported.at(), unsupported.text()));
      default -> items.add(item);
    }
  }

  /** A word not understood: reported, joined with the unknown words and prepositions before it. */
  private void unknown(int at) {
    if (unknownEnd == at && !ignored.isEmpty()) {
      Item.Ignored last = ignored.removeLast();
      ignored.add(new Item.Ignored(last.at(), cursor.text(sentence, last.at(), at + 1)));
    } else {
      int from = at;
      while (from > 0
          && dropped[from - 1]
          && PREPOSITIONS.contains(cursor.tokens.get(from - 1).word())) {
        from--;
      }
      ignored.add(new Item.Ignored(from, cursor.text(sentence, from, at + 1)));
    }
    unknownEnd = at + 1;
  }

  private Item time() {
    int from = cursor.pos;
    TimeWindow window = time.window(cursor);
    return window == null
        ? null
        : new Item.Time(window, from, cursor.text(sentence, from, cursor.pos));
  }

  /**
   * Whether something the grammar knows starts at token {@code at}: a condition, a time phrase, a
   * joint or a subject noun. Free text and names stop there.
   */
  boolean knownAt(int at) {
    if (at >= cursor.tokens.size()) {
      return true;
    }
    String word = cursor.tokens.get(at).word();
    if (Words.AND.contains(word)
        || Words.OR.contains(word)
        || Words.NOT.contains(word)
        || Words.SUBJECTS.contains(word)
        || TimePhrases.isMonth(word)) {
      return true;
    }
    int saved = cursor.pos;
    try {
      for (Supplier<Item> rule : conditionRules) {
        cursor.pos = at;
        if (rule.get() != null) {
          return true;
        }
      }
      cursor.pos = at;
      return time.window(cursor) != null;
    } finally {
      cursor.pos = saved;
    }
  }

  // Helpers for rules.

  /** A condition that may be followed directly by its time window. */
  Item.Cond windowed(Function<TimeWindow, CustomerQuery> build) {
    return trailingWindow(Item.Cond.windowed(build));
  }

  Item.Cond trailingWindow(Item.Cond cond) {
    TimeWindow window = time.window(cursor);
    if (window != null) {
      cond.window = window;
    }
    return cond;
  }

  /** Reports tokens {@code from..to} as not understood when {@code cond} is chosen. */
  void note(Item.Cond cond, int from, int to) {
    if (to > from) {
      cond.notes.add(new Item.Ignored(from, cursor.text(sentence, from, to)));
    }
  }

  /** The currency words and symbols in tokens {@code from..to} that are not the store's. */
  void noteForeignCurrency(Item.Cond cond, Quantities.Bound bound, int from, int to) {
    if (bound.currency() == null || bound.currency().equals(lexicon.currency)) {
      return;
    }
    for (int i = from; i < to; i++) {
      if (Quantities.isCurrency(cursor.tokens.get(i))) {
        note(cond, i, i + 1);
      }
    }
  }

  /**
   * A list of things read by {@code one}, joined by commas, "and", "or", "&" or "/": "Berlin,
   * Munich or Hamburg". The joint word that was used last tells and from or (and when only commas).
   */
  <T> List<T> list(Supplier<T> one, boolean[] usedOr, String... repeats) {
    List<T> values = new ArrayList<>();
    T first = one.get();
    if (first == null) {
      return values;
    }
    values.add(first);
    while (!cursor.atEnd()) {
      int before = cursor.pos;
      String joint = cursor.acceptAny(", or", ", and", "or", "and", ",", "&", "/", "nor");
      if (joint == null) {
        break;
      }
      cursor.acceptAny(repeats);
      T next = one.get();
      if (next == null) {
        cursor.pos = before;
        break;
      }
      if (usedOr != null && !joint.equals(",")) {
        usedOr[0] = joint.contains("or") || joint.equals("/");
      }
      values.add(next);
    }
    return values;
  }
}
