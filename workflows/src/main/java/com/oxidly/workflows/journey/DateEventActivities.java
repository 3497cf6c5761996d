package com.oxidly.workflows.journey;

import io.temporal.activity.ActivityInterface;

@ActivityInterface(namePrefix = "DateEvents")
public interface DateEventActivities {

  /**
   * Stores the date events of yesterday and today in the store's time zone, so a day missed while
   * Oxidly was down is made up; idempotent (events are keyed by customer, attribute and date).
   *
   * @return events stored now
   */
  int emitRecentDays();
}
