package com.oxidly.domain.journey;

import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Edits of a journey's step tree as the visual builder makes them: insert a step into any list,
 * replace, remove or move one. Every edit returns a new definition (definitions are immutable) and
 * keeps the ids of the steps it does not touch, because ids name steps in sends and statistics.
 *
 * <p>A list of steps is addressed by its owner and path: the journey's own steps are {@code (null,
 * 0)}; a wait for event has {@code onEvent} (0) and {@code onTimeout} (1), a branch {@code then}
 * (0) and {@code otherwise} (1), a split one path per index, a loop its steps (0).
 */
public final class JourneySteps {

  /** The step types a builder offers, in menu order, by their JSON names. */
  public static final List<String> TYPES =
      List.of(
          "send",
          "wait",
          "wait_for_event",
          "branch",
          "split",
          "update_profile",
          "webhook",
          "goal",
          "loop",
          "exit");

  /** One list of steps inside a step, as drawn in its column. */
  public record Path(int index, String label, List<JourneyStep> steps) {}

  private JourneySteps() {}

  /** The step lists a step holds, in drawing order; none for steps that hold no steps. */
  public static List<Path> paths(JourneyStep step) {
    return switch (step) {
      case JourneyStep.WaitForEvent wait ->
          List.of(
              new Path(0, "on " + orDash(wait.event()), wait.onEvent()),
              new Path(
                  1, "after " + (wait.timeout() == null ? "—" : wait.timeout()), wait.onTimeout()));
      case JourneyStep.Branch branch ->
          List.of(new Path(0, "yes", branch.then()), new Path(1, "no", branch.otherwise()));
      case JourneyStep.Split split -> {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < split.paths().size(); i++) {
          var path = split.paths().get(i);
          paths.add(
              new Path(
                  i,
                  orDash(path.name())
                      + " "
                      + path.percent()
                      + "%"
                      + (path.holdout() && !mentionsHoldout(path.name()) ? " (holdout)" : ""),
                  path.steps()));
        }
        yield paths;
      }
      case JourneyStep.Loop loop ->
          List.of(new Path(0, "repeat " + loop.times() + "×", loop.steps()));
      default -> List.of();
    };
  }

  /** A new step of a type, with an id not used in {@code definition} and sensible defaults. */
  public static JourneyStep blank(String type, JourneyDefinition definition) {
    String id = freshId(type.replace('_', '-'), definition);
    return switch (type) {
      case "send" ->
          new JourneyStep.Send(
              id, Channel.EMAIL, MessageClass.MARKETING, new MessageTemplate("", "", "", null));
      case "wait" -> new JourneyStep.Wait(id, Duration.ofDays(1), null, null);
      case "wait_for_event" ->
          new JourneyStep.WaitForEvent(id, "", null, Duration.ofDays(1), List.of(), List.of());
      case "branch" -> new JourneyStep.Branch(id, null, List.of(), List.of());
      case "split" ->
          new JourneyStep.Split(
              id,
              List.of(
                  new JourneyStep.SplitPath("A", 50, false, List.of()),
                  new JourneyStep.SplitPath("B", 50, false, List.of())));
      case "update_profile" -> new JourneyStep.UpdateProfile(id, List.of(), List.of(), Map.of());
      case "webhook" -> new JourneyStep.Webhook(id, "", Map.of());
      case "goal" -> new JourneyStep.Goal(id, Duration.ofDays(7));
      case "loop" -> new JourneyStep.Loop(id, 2, List.of());
      case "exit" -> new JourneyStep.Exit(id);
      default ->
          throw new IllegalArgumentException(
              "unknown step type '" + type + "'; types are " + String.join(", ", TYPES));
    };
  }

  /** {@code prefix-n} with the smallest n from 1 that no step of {@code definition} uses. */
  static String freshId(String prefix, JourneyDefinition definition) {
    Set<String> used = ids(definition);
    for (int n = 1; ; n++) {
      String id = prefix + "-" + n;
      if (!used.contains(id)) {
        return id;
      }
    }
  }

  /** Every step id in the journey. */
  public static Set<String> ids(JourneyDefinition definition) {
    Set<String> ids = new HashSet<>();
    walk(
        null,
        0,
        definition.steps(),
        (owner, path, steps) -> {
          steps.forEach(step -> ids.add(step.id()));
          return steps;
        });
    return ids;
  }

  /** The step with this id, wherever it is. */
  public static Optional<JourneyStep> find(JourneyDefinition definition, String id) {
    List<JourneyStep> found = new ArrayList<>();
    walk(
        null,
        0,
        definition.steps(),
        (owner, path, steps) -> {
          steps.stream().filter(step -> id.equals(step.id())).forEach(found::add);
          return steps;
        });
    return found.stream().findFirst();
  }

  /**
   * Inserts {@code step} at {@code index} of the list {@code (owner, path)}.
   *
   * @throws IllegalArgumentException when there is no such list
   */
  public static JourneyDefinition insert(
      JourneyDefinition definition, String owner, int path, int index, JourneyStep step) {
    boolean[] found = {false};
    JourneyDefinition edited =
        edit(
            definition,
            (o, p, steps) -> {
              if (java.util.Objects.equals(o, owner) && p == path) {
                found[0] = true;
                List<JourneyStep> copy = new ArrayList<>(steps);
                copy.add(Math.clamp(index, 0, copy.size()), step);
                return copy;
              }
              return steps;
            });
    if (!found[0]) {
      throw new IllegalArgumentException("no step list " + path + " in step " + owner);
    }
    return edited;
  }

  /** Replaces the step {@code id} (with whatever its replacement holds). */
  public static JourneyDefinition replace(
      JourneyDefinition definition, String id, JourneyStep replacement) {
    return edit(
        definition,
        (o, p, steps) -> steps.stream().map(s -> id.equals(s.id()) ? replacement : s).toList());
  }

  /** Removes the step {@code id} with the steps it holds. */
  public static JourneyDefinition remove(JourneyDefinition definition, String id) {
    return edit(
        definition, (o, p, steps) -> steps.stream().filter(s -> !id.equals(s.id())).toList());
  }

  /**
   * Moves the step {@code id} up ({@code -1}) or down ({@code +1}) within its list; a step at the
   * end of its list stays where it is.
   */
  public static JourneyDefinition move(JourneyDefinition definition, String id, int delta) {
    return edit(
        definition,
        (o, p, steps) -> {
          int at = -1;
          for (int i = 0; i < steps.size(); i++) {
            if (id.equals(steps.get(i).id())) {
              at = i;
            }
          }
          int to = at + delta;
          if (at < 0 || to < 0 || to >= steps.size()) {
            return steps;
          }
          List<JourneyStep> copy = new ArrayList<>(steps);
          copy.add(to, copy.remove(at));
          return copy;
        });
  }

  /** The definition with other steps; everything else kept. */
  public static JourneyDefinition withSteps(JourneyDefinition d, List<JourneyStep> steps) {
    return new JourneyDefinition(
        d.name(), d.description(), d.trigger(), d.reEntry(), d.exitWhen(), d.goal(), steps);
  }

  /** The definition with another trigger; everything else kept. */
  public static JourneyDefinition withTrigger(JourneyDefinition d, JourneyTrigger trigger) {
    return new JourneyDefinition(
        d.name(), d.description(), trigger, d.reEntry(), d.exitWhen(), d.goal(), d.steps());
  }

  /** An edit of one list of steps, given its address. */
  @FunctionalInterface
  private interface ListEdit {
    List<JourneyStep> apply(String owner, int path, List<JourneyStep> steps);
  }

  private static JourneyDefinition edit(JourneyDefinition definition, ListEdit edit) {
    return withSteps(definition, walk(null, 0, definition.steps(), edit));
  }

  /** Applies {@code edit} to a list, then to every list inside the steps it ends up with. */
  private static List<JourneyStep> walk(
      String owner, int path, List<JourneyStep> steps, ListEdit edit) {
    return edit.apply(owner, path, steps).stream().map(step -> inside(step, edit)).toList();
  }

  private static JourneyStep inside(JourneyStep step, ListEdit edit) {
    return switch (step) {
      case JourneyStep.WaitForEvent w ->
          new JourneyStep.WaitForEvent(
              w.id(),
              w.event(),
              w.correlateOn(),
              w.timeout(),
              walk(w.id(), 0, w.onEvent(), edit),
              walk(w.id(), 1, w.onTimeout(), edit));
      case JourneyStep.Branch b ->
          new JourneyStep.Branch(
              b.id(),
              b.condition(),
              walk(b.id(), 0, b.then(), edit),
              walk(b.id(), 1, b.otherwise(), edit));
      case JourneyStep.Split s -> {
        List<JourneyStep.SplitPath> paths = new ArrayList<>();
        for (int i = 0; i < s.paths().size(); i++) {
          var p = s.paths().get(i);
          paths.add(
              new JourneyStep.SplitPath(
                  p.name(), p.percent(), p.holdout(), walk(s.id(), i, p.steps(), edit)));
        }
        yield new JourneyStep.Split(s.id(), paths);
      }
      case JourneyStep.Loop l ->
          new JourneyStep.Loop(l.id(), l.times(), walk(l.id(), 0, l.steps(), edit));
      default -> step;
    };
  }

  private static boolean mentionsHoldout(String name) {
    return name != null && name.toLowerCase(java.util.Locale.ROOT).contains("holdout");
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }
}
