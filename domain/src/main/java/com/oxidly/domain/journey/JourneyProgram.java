package com.oxidly.domain.journey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journey's step tree flattened into a program the interpreter walks one step at a time: each
 * step knows where to go next, and steps that hold paths know where each path starts. Where the
 * interpreter is can then be carried across continue-as-new as a single step id.
 */
public final class JourneyProgram {

  /**
   * @param next where to go when this step is done, or null at the end of the journey
   * @param paths for steps holding paths, where each path starts, in the step's own order (wait for
   *     event: on event, on timeout; branch: then, otherwise; split: its paths; loop: its body)
   */
  public record Node(JourneyStep step, String next, List<String> paths) {}

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final String start;

  private JourneyProgram(List<JourneyStep> steps) {
    this.start = compile(steps, null);
  }

  /** The program of a valid definition (see {@link JourneyValidation}). */
  public static JourneyProgram of(JourneyDefinition definition) {
    return new JourneyProgram(definition.steps());
  }

  /** The first step, or null for an empty journey. */
  public String start() {
    return start;
  }

  public Node node(String stepId) {
    Node node = nodes.get(stepId);
    if (node == null) {
      throw new IllegalArgumentException("no step " + stepId + " in this journey");
    }
    return node;
  }

  /** The longest window any goal step watches for the goal, if the journey has goal steps. */
  public java.util.Optional<java.time.Duration> goalWindow() {
    return nodes.values().stream()
        .map(Node::step)
        .filter(JourneyStep.Goal.class::isInstance)
        .map(step -> ((JourneyStep.Goal) step).within())
        .max(java.util.Comparator.naturalOrder());
  }

  /** Compiles {@code steps} so the last continues at {@code continuation}; returns the first. */
  private String compile(List<JourneyStep> steps, String continuation) {
    String next = continuation;
    for (int i = steps.size() - 1; i >= 0; i--) {
      JourneyStep step = steps.get(i);
      String after = step instanceof JourneyStep.Exit ? null : next;
      List<String> paths = new ArrayList<>();
      switch (step) {
        case JourneyStep.WaitForEvent wait -> {
          paths.add(compile(wait.onEvent(), after));
          paths.add(compile(wait.onTimeout(), after));
        }
        case JourneyStep.Branch branch -> {
          paths.add(compile(branch.then(), after));
          paths.add(compile(branch.otherwise(), after));
        }
        case JourneyStep.Split split ->
            split.paths().forEach(path -> paths.add(compile(path.steps(), after)));
        case JourneyStep.Loop loop -> paths.add(compile(loop.steps(), loop.id()));
        default -> {}
      }
      nodes.put(step.id(), new Node(step, after, List.copyOf(nullsAllowed(paths))));
      next = step.id();
    }
    return next;
  }

  private static List<String> nullsAllowed(List<String> paths) {
    // List.copyOf refuses nulls; a path that ends the journey at once starts at "nowhere".
    return paths.stream().map(p -> p == null ? END : p).toList();
  }

  /** The step id a path has when it leads straight to the end of the journey. */
  public static final String END = "";
}
