package dev.polystore.accounts.domain;

import java.time.Instant;
import java.util.UUID;

/** One user's membership of one workspace. */
public record Membership(UUID workspaceId, UUID userId, Role role, Instant createdAt) {}
