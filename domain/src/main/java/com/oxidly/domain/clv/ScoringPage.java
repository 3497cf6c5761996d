package com.oxidly.domain.clv;

import java.util.Optional;
import java.util.UUID;

/**
 * One page of a scoring run, for callers that drive the pages themselves (a workflow's activities).
 *
 * @param customersScored customers on this page
 * @param customersWritten those whose stored scores changed
 * @param lastCustomer the page's last customer: pass it as {@code after} for the next page; empty
 *     when the page was empty
 * @param done whether this was the last page
 */
public record ScoringPage(
    int customersScored, int customersWritten, Optional<UUID> lastCustomer, boolean done) {}
