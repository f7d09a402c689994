package dev.polystore.messenger.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A message posted to a room, or the tombstone a deleted one leaves.
 *
 * @param id time-ordered (UUIDv7): a room's later messages have greater ids
 * @param body empty on a tombstone
 * @param version bumped by every edit and the delete; the etag callers pass back to refuse lost updates
 */
public record Message(
    UUID id,
    UUID roomId,
    UUID workspaceId,
    UUID authorId,
    String clientMessageId,
    String body,
    Instant createdAt,
    Optional<Instant> editedAt,
    Optional<Instant> deletedAt,
    long version) {

  public boolean isDeleted() {
    return deletedAt.isPresent();
  }

  /** The opaque etag of this version of the message. */
  public String etag() {
    return Long.toString(version);
  }
}
