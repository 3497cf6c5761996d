package com.oxidly.domain.importing;

import java.time.Instant;
import java.util.UUID;

/**
 * What applying one chunk did. Recorded once, when the chunk's transaction commits; applying the
 * chunk again returns the recorded outcome.
 *
 * @param firstRow spreadsheet row number of the chunk's first row (the header is row 1)
 * @param rows data rows in the chunk; {@code inserted + updated + unchanged + rejected + skipped}
 * @param appliedAt when the chunk was applied (the application clock)
 */
public record ChunkOutcome(
    UUID jobId,
    int chunkNumber,
    long firstRow,
    int rows,
    int inserted,
    int updated,
    int unchanged,
    int rejected,
    int skipped,
    Instant appliedAt) {}
