package com.oxidly.domain.segment;

/**
 * A segment as a client submits it, unvalidated.
 *
 * @param key optional on create (derived from the name); when given on change it must be the
 *     segment's key
 * @param name required
 * @param description optional
 * @param kind {@code dynamic} or {@code static}; when absent, dynamic if a definition is given
 * @param definition the customer query as JSON text; required for dynamic, absent for static
 */
public record SegmentInput(
    String key, String name, String description, String kind, String definition) {}
