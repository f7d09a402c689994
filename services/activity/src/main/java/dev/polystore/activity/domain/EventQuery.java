package dev.polystore.activity.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A ListEvents request: a workspace's events with start <= occurredAt < end, optionally of one
 * type, {@code pageSize} at a time, continuing after {@code pageToken} ("" for the first page).
 */
public record EventQuery(UUID workspaceId, Instant start, Instant end, Optional<String> type, int pageSize,
    String pageToken) {}
