package dev.polystore.messenger.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A chat room of a workspace.
 *
 * @param workspaceId an AccountsService workspace id, kept as given
 * @param memberCount how many users are members now
 */
public record Room(UUID id, UUID workspaceId, String name, int memberCount, Instant createdAt) {}
