package com.oxidly.workflows.journey;

import com.oxidly.domain.journey.JourneyEvent;
import java.util.List;
import java.util.Map;

/**
 * Everything a journey run carries across continue-as-new.
 *
 * @param runKey the run's key in Oxidly's run index: the Temporal run id of its first run
 * @param seq steps taken so far; part of every send key, so a message is never sent twice
 * @param loopPasses passes made through each loop on the current way through it
 * @param pending events received after the trigger and not yet used by a wait
 */
public record JourneyContinuation(
    String runKey,
    int entry,
    String timeZone,
    String currentStep,
    int seq,
    Map<String, Integer> loopPasses,
    JourneyEvent trigger,
    JourneyEvent goalEvent,
    List<JourneyEvent> pending,
    long lastEventId,
    String splitPath) {}
