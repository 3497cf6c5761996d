package com.oxidly.domain.bulk;

import com.oxidly.domain.customer.CustomerStatus;

/**
 * One change made to many customers at once. Every action is a set operation: applying it twice
 * changes nothing the second time, so a run that stopped half way can simply be started again.
 */
public sealed interface BulkAction {

  /** Longest tag, as profiles take it. */
  int MAX_TAG = 500;

  /** What the action does, as a confirmation or a summary says it: "add the tag 'vip'". */
  String describe();

  /** Adds a tag (kept as typed; compared ignoring case). */
  record AddTag(String tag) implements BulkAction {
    public AddTag {
      tag = checkTag(tag);
    }

    @Override
    public String describe() {
      return "add the tag '" + tag + "'";
    }
  }

  /** Removes a tag, whatever its case. */
  record RemoveTag(String tag) implements BulkAction {
    public RemoveTag {
      tag = checkTag(tag);
    }

    @Override
    public String describe() {
      return "remove the tag '" + tag + "'";
    }
  }

  record ChangeStatus(CustomerStatus status) implements BulkAction {
    public ChangeStatus {
      if (status == null) {
        throw new IllegalArgumentException("a status is required");
      }
    }

    @Override
    public String describe() {
      return "change the status to " + status.code();
    }
  }

  /** Adds to a static segment (a list kept by hand), by its key. */
  record AddToSegment(String segment) implements BulkAction {
    public AddToSegment {
      if (segment == null || segment.isBlank()) {
        throw new IllegalArgumentException("a segment is required");
      }
    }

    @Override
    public String describe() {
      return "add to the segment '" + segment + "'";
    }
  }

  /** Enrols in a journey with a manual trigger, as the API's enrolments do. */
  record EnrolInJourney(long journeyId, String journeyName) implements BulkAction {
    @Override
    public String describe() {
      return "enrol in the journey '" + (journeyName == null ? journeyId : journeyName) + "'";
    }
  }

  /** Erases the customers with everything recorded about them. */
  record Erase() implements BulkAction {
    @Override
    public String describe() {
      return "erase them with their orders, reviews, interactions and consent history";
    }
  }

  private static String checkTag(String tag) {
    String text = tag == null ? "" : tag.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a tag is required");
    }
    if (text.length() > MAX_TAG || text.contains(";")) {
      throw new IllegalArgumentException(
          "a tag must be at most " + MAX_TAG + " characters without ';'");
    }
    return text;
  }
}
