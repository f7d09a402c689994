package dev.polystore.messenger.domain;

/** What the store did with a post; the domain turns the refusals into statuses. */
public sealed interface PostOutcome {

  /** A new message. */
  record Created(Message message) implements PostOutcome {}

  /** A retry: the message first posted with the same key, left as it was. */
  record Repeated(Message message) implements PostOutcome {}

  /** No room has the id. */
  record RoomMissing() implements PostOutcome {}

  /** The author is not a member of the room, and has not posted with this key before. */
  record NotMember() implements PostOutcome {}
}
