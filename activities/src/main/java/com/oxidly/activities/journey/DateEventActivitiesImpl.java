package com.oxidly.activities.journey;

import com.oxidly.domain.events.DateEvents;
import com.oxidly.domain.time.StoreTimeZone;
import com.oxidly.workflows.journey.DateEventActivities;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

@Component("dateEventActivities")
class DateEventActivitiesImpl implements DateEventActivities {

  private final DateEvents dates;
  private final Clock clock;
  private final StoreTimeZone storeZone;

  DateEventActivitiesImpl(DateEvents dates, Clock clock, StoreTimeZone storeZone) {
    this.dates = dates;
    this.clock = clock;
    this.storeZone = storeZone;
  }

  @Override
  public int emitRecentDays() {
    LocalDate today = LocalDate.now(clock.withZone(storeZone.zone()));
    return dates.emit(today.minusDays(1)) + dates.emit(today);
  }
}
