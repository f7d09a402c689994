package dev.polystore.accounts.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A person who can belong to workspaces.
 *
 * @param version bumped by every update; the etag callers pass back to refuse lost updates
 */
public record User(UUID id, String email, String displayName, Instant createdAt, Instant updatedAt, long version) {

  /** The opaque etag of this version of the user. */
  public String etag() {
    return Long.toString(version);
  }
}
