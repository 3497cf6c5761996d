package com.oxidly.workflows.journey;

/**
 * @param phase admitting, running, waiting, exited or completed
 * @param currentStep the step being executed or waited on; null before and after
 */
public record JourneyPosition(
    String phase, String currentStep, int entry, int stepsTaken, String splitPath) {}
