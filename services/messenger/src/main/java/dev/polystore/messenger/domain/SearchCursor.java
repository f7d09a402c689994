package dev.polystore.messenger.domain;

import java.util.UUID;

/**
 * The sort key of the last result of a search page: results run by rank, then by message id, both
 * descending, and the next page starts strictly after this pair.
 */
public record SearchCursor(float rank, UUID messageId) {}
