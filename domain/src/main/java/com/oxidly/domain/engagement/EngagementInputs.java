package com.oxidly.domain.engagement;

import java.time.Instant;

/**
 * What a customer's engagement is computed from.
 *
 * @param lastOrderAt their last counted order, null when they never ordered
 * @param ordersLastYear counted orders in the 365 days before now
 * @param reviewsLastYear reviews written in the 365 days before now
 * @param recentResponses campaign responses within the configured response window
 */
record EngagementInputs(
    Instant lastOrderAt, long ordersLastYear, long reviewsLastYear, long recentResponses) {}
