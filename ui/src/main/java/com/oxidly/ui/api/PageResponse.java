package com.oxidly.ui.api;

import java.util.List;

/**
 * A page of results.
 *
 * @param page zero-based page number
 * @param total matching items across all pages
 */
record PageResponse<T>(List<T> items, int page, int size, long total) {}
