package dev.polystore.messenger.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One user's membership of one room.
 *
 * @param userId an AccountsService user id, kept as given
 */
public record RoomMember(UUID roomId, UUID userId, Instant joinedAt) {}
