package dev.polystore.accounts.domain;

import java.time.Instant;
import java.util.UUID;

/** A tenant: the unit that owns data in every other service. */
public record Workspace(UUID id, String slug, String name, UUID ownerUserId, Instant createdAt, Instant updatedAt) {}
