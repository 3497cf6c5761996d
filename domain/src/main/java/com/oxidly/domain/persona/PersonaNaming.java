package com.oxidly.domain.persona;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names and describes personas from their centroids without a language model: the most distinctive
 * traits (largest deviations from the store, in standard deviations) become words, e.g. "Recent
 * big-spending coffee lovers" or "Lapsed one-time buyers". Deterministic, and names are unique
 * across one model's personas (ignoring case): a name already taken gets the next distinctive trait
 * added, and a number only when no trait is left.
 */
final class PersonaNaming {

  /** A trait this many standard deviations from the store is distinctive enough to name. */
  static final double DISTINCTIVE = 0.5;

  private static final int ADJECTIVES = 2;

  private PersonaNaming() {}

  /** What naming knows of one persona: its share of customers and its traits. */
  record Profile(double share, List<PersonaTrait> traits) {
    Profile {
      traits =
          traits.stream()
              .sorted(Comparator.comparingDouble((PersonaTrait t) -> -Math.abs(t.deviation())))
              .toList();
    }

    double value(String key) {
      return traits.stream()
          .filter(t -> t.key().equals(key))
          .mapToDouble(PersonaTrait::value)
          .findFirst()
          .orElse(Double.NaN);
    }
  }

  /** A persona's name and two-sentence description. */
  record Named(String name, String description) {}

  /** Names for these personas, in their order (the largest first gets the shortest name). */
  static List<Named> name(List<Profile> profiles) {
    Set<String> taken = new HashSet<>();
    List<Named> named = new ArrayList<>();
    for (Profile profile : profiles) {
      String name = uniqueName(profile, taken);
      taken.add(name.toLowerCase(Locale.ROOT));
      named.add(new Named(name, describe(profile)));
    }
    return named;
  }

  private static String uniqueName(Profile profile, Set<String> taken) {
    boolean browsers = profile.value("orders") < 0.5;
    String head = head(profile, browsers);
    List<String> distinctive = adjectives(profile, browsers, DISTINCTIVE);
    List<String> any = adjectives(profile, browsers, 0);
    List<String> candidates = new ArrayList<>();
    for (int n = Math.min(ADJECTIVES, distinctive.size()); n <= distinctive.size(); n++) {
      candidates.add(phrase(distinctive.subList(0, n), head));
    }
    for (int n = distinctive.size() + 1; n <= any.size(); n++) {
      candidates.add(phrase(any.subList(0, n), head));
    }
    for (String candidate : candidates) {
      if (!taken.contains(candidate.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    String base = candidates.getLast();
    for (int number = 2; ; number++) {
      String numbered = base + " " + number;
      if (!taken.contains(numbered.toLowerCase(Locale.ROOT))) {
        return numbered;
      }
    }
  }

  private static String head(Profile profile, boolean browsers) {
    if (browsers) {
      return "browsers";
    }
    return profile.traits().stream()
        .filter(t -> t.key().startsWith("category:") && t.deviation() >= DISTINCTIVE)
        .findFirst()
        .map(t -> t.key().substring("category:".length()).toLowerCase(Locale.ROOT) + " lovers")
        .orElse("buyers");
  }

  private static List<String> adjectives(Profile profile, boolean browsers, double threshold) {
    List<String> words = new ArrayList<>();
    for (PersonaTrait trait : profile.traits()) {
      if (Math.abs(trait.deviation()) < threshold || trait.deviation() == 0) {
        continue;
      }
      if (browsers && (trait.key().equals("orders") || trait.key().equals("total_spent"))) {
        continue;
      }
      word(trait).filter(w -> !words.contains(w)).ifPresent(words::add);
    }
    return words;
  }

  /** The word for a trait's direction; none for categories (they make the head noun). */
  private static Optional<String> word(PersonaTrait trait) {
    boolean high = trait.deviation() > 0;
    String word =
        switch (trait.key()) {
          case "recency_days" -> high ? "lapsed" : "recent";
          case "orders" -> high ? "frequent" : trait.value() < 1.5 ? "one-time" : "occasional";
          case "total_spent" -> high ? "big-spending" : "low-spending";
          case "engagement" -> high ? "engaged" : "disengaged";
          case "sentiment" -> high ? "happy" : "critical";
          case "age" -> high ? "older" : "younger";
          case "email_opt_in" -> high ? "email-subscribed" : "email-unsubscribed";
          case "sms_opt_in" -> high ? "SMS-subscribed" : "SMS-unsubscribed";
          case "push_opt_in" -> high ? "push-enabled" : "push-disabled";
          default -> null;
        };
    return Optional.ofNullable(word);
  }

  private static String phrase(List<String> adjectives, String head) {
    String phrase =
        adjectives.isEmpty() ? "everyday " + head : String.join(" ", adjectives) + " " + head;
    return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
  }

  /** Two sentences: who they are in numbers, then what sets them apart from the store. */
  static String describe(Profile profile) {
    String share = percent(profile.share());
    double orders = profile.value("orders");
    String first =
        orders < 0.5
            ? "About %s of customers, mostly without a purchase yet, who signed up about %s days ago."
                .formatted(share, whole(profile.value("recency_days")))
            : "About %s of customers, with %s orders and %s spent on average, the last %s days ago."
                .formatted(
                    share,
                    oneDecimal(orders),
                    whole(profile.value("total_spent")),
                    whole(profile.value("recency_days")));
    List<String> standouts =
        profile.traits().stream()
            .filter(t -> Math.abs(t.deviation()) >= DISTINCTIVE)
            .limit(3)
            .map(PersonaNaming::standout)
            .toList();
    String second =
        standouts.isEmpty()
            ? "They are close to the store average in every trait."
            : "Against the store they stand out by " + listed(standouts) + ".";
    return first + " " + second;
  }

  private static String standout(PersonaTrait trait) {
    return trait.label()
        + " "
        + trait.formatted(trait.value())
        + " (store "
        + trait.formatted(trait.storeAverage())
        + ")";
  }

  private static String listed(List<String> items) {
    return items.size() == 1
        ? items.getFirst()
        : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String whole(double value) {
    return String.format(Locale.US, "%,.0f", value);
  }
}
