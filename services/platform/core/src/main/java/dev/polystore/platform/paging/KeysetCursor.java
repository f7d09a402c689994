package dev.polystore.platform.paging;

import java.time.Instant;
import java.util.UUID;

/**
 * The sort key of the last row of a page: lists are ordered by (created_at, id), and the next page
 * starts strictly after this pair, so rows added meanwhile neither shift nor repeat a page.
 */
public record KeysetCursor(Instant createdAt, UUID id) {}
