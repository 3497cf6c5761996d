package com.oxidly.domain.nlsearch;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the scanner found at a stretch of tokens: a condition, a time phrase that belongs to a
 * condition nearby, a boolean joint, the subject noun ("customers"), or free text.
 */
sealed interface Item {

  /** Words a rule read but reports as not understood, e.g. an unknown currency. */
  record Ignored(int at, String text) {}

  enum Joint {
    /** "and", "&", or nothing: binds tighter than "or". */
    AND,
    /** "who", "that", "with", a comma: a relative clause, looser than "or". */
    CLAUSE,
    OR,
    /** "or" starting a new group ("... or customers from Munich who ..."), the loosest. */
    ALTERNATIVE,
    NOT,
    OPEN,
    CLOSE
  }

  record Join(Joint joint, int at, String text) implements Item {}

  record Time(TimeWindow window, int at, String text) implements Item {}

  /** "customers", "people", "shoppers": what the conditions before it modify. */
  record Subject(int at) implements Item {}

  /** Words a rule recognised but that no condition can express: "fewer than 2 reviews". */
  record Unsupported(int at, String text) implements Item {}

  /** A descriptive phrase for relevance search: "complained about late delivery". */
  record Free(String text) implements Item {}

  /**
   * A condition. Conditions that may take a time window ("spent over $500", "bought coffee") keep a
   * builder until the window is known; {@code fallback} is the window when none is said ("new
   * customers" = signed up in the last 30 days), and {@code needsWindow} marks conditions that say
   * nothing without one ("signed up").
   */
  final class Cond implements Item {
    final Function<TimeWindow, CustomerQuery> build;
    final boolean windowable;
    final TimeWindow fallback;
    final boolean needsWindow;
    final List<Ignored> notes = new ArrayList<>();
    TimeWindow window;
    int at;
    String text = "";

    private Cond(
        Function<TimeWindow, CustomerQuery> build,
        boolean windowable,
        TimeWindow fallback,
        boolean needsWindow) {
      this.build = build;
      this.windowable = windowable;
      this.fallback = fallback;
      this.needsWindow = needsWindow;
    }

    static Cond of(CustomerQuery query) {
      return new Cond(window -> query, false, null, false);
    }

    static Cond windowed(Function<TimeWindow, CustomerQuery> build) {
      return new Cond(build, true, null, false);
    }

    static Cond windowed(Function<TimeWindow, CustomerQuery> build, TimeWindow fallback) {
      return new Cond(build, true, fallback, false);
    }

    static Cond needingWindow(Function<TimeWindow, CustomerQuery> build) {
      return new Cond(build, true, null, true);
    }

    /** The same condition for another time: "bought tea, but not last month". */
    Cond at(TimeWindow other) {
      Cond copy = new Cond(build, windowable, fallback, needsWindow);
      copy.window = other;
      copy.at = at;
      copy.text = text;
      return copy;
    }

    boolean takesWindow() {
      return windowable && window == null;
    }

    /** Whether it can be built: a condition that needs a window has one. */
    boolean complete() {
      return !needsWindow || window != null || fallback != null;
    }

    CustomerQuery query() {
      return build.apply(window != null ? window : fallback);
    }
  }
}
