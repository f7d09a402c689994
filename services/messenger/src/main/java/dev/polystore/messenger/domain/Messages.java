package dev.polystore.messenger.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.ids.UuidV7;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The rules for messages: only members post, posts are idempotent per author key, only authors edit
 * or delete, a deleted message stays as a tombstone, and etags refuse changes over unseen ones. A
 * message or room is reached only through its workspace: one of another workspace is NOT_FOUND with
 * the same message as one that does not exist, before any other rule is checked.
 */
public final class Messages {
  private final MessageStore store;
  private final MessagePages pages;
  private final MessagePosts posts;
  private final UuidV7 ids;

  public Messages(MessageStore store, MessagePages pages, MessagePosts posts, UuidV7 ids) {
    this.store = store;
    this.pages = pages;
    this.posts = posts;
    this.ids = ids;
  }

  /**
   * The new message, or the first one posted with the same key (a retry). Completes on the store's
   * thread; NOT_FOUND for a missing room, PERMISSION_DENIED for a non-member, in the stage.
   */
  public CompletionStage<Posted> post(NewMessage message) {
    requireText(message.body());
    return posts.post(message, ids).thenApply(outcome -> posted(message, outcome));
  }

  private static Posted posted(NewMessage message, PostOutcome outcome) {
    if (outcome instanceof PostOutcome.Created created) {
      return new Posted(created.message(), true);
    }
    if (outcome instanceof PostOutcome.Repeated repeated) {
      return new Posted(repeated.message(), false);
    }
    if (outcome instanceof PostOutcome.RoomMissing) {
      throw Rooms.notFound(message.roomId());
    }
    throw ServiceException.permissionDenied("user " + message.authorId() + " is not a member of room "
        + message.roomId() + "; only members may post");
  }

  public Message get(UUID workspaceId, UUID messageId) {
    return store.find(workspaceId, messageId).orElseThrow(() -> notFound(messageId));
  }

  /** Completes on the store's thread; NOT_FOUND for a missing room (or one of another workspace) in the stage. */
  public CompletionStage<MessagePage> list(UUID workspaceId, UUID roomId, MessageRange range) {
    return pages.list(workspaceId, roomId, range).thenCompose(rows -> {
      // An empty first page is the only sign of a missing room (or one of another workspace); the
      // writer knows a room created just now.
      if (!rows.isEmpty() || range.direction() != Direction.LATEST) {
        return CompletableFuture.completedStage(MessagePage.of(range, rows));
      }
      return pages.roomExists(workspaceId, roomId).thenApply(exists -> {
        if (!exists) {
          throw Rooms.notFound(roomId);
        }
        return MessagePage.of(range, rows);
      });
    });
  }

  public Message edit(UUID workspaceId, UUID messageId, UUID authorId, String body, Optional<String> etag) {
    requireText(body);
    Message current = requireAuthor(get(workspaceId, messageId), authorId, "edit");
    if (current.isDeleted()) {
      throw ServiceException.failedPrecondition("message " + messageId + " is deleted and cannot be edited");
    }
    return store.edit(current, body, expectedVersion(current, etag)).orElseThrow(() -> changed(messageId));
  }

  /** The tombstone; deleting a tombstone again returns it unchanged, whatever the etag. */
  public Message delete(UUID workspaceId, UUID messageId, UUID authorId, Optional<String> etag) {
    Message current = requireAuthor(get(workspaceId, messageId), authorId, "delete");
    if (current.isDeleted()) {
      return current;
    }
    Optional<Message> deleted = store.delete(current, expectedVersion(current, etag));
    if (deleted.isPresent()) {
      return deleted.get();
    }
    // Lost a race: to another delete (then this call's work is done), or to an edit.
    Message now = get(workspaceId, messageId);
    if (now.isDeleted()) {
      return now;
    }
    throw changed(messageId);
  }

  private static Message requireAuthor(Message message, UUID userId, String action) {
    if (!message.authorId().equals(userId)) {
      throw ServiceException.permissionDenied("only the author of message " + message.id() + " may " + action + " it");
    }
    return message;
  }

  /** Only an etag makes the change conditional; a stale one is refused before any write. */
  private static OptionalLong expectedVersion(Message current, Optional<String> etag) {
    if (etag.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!etag.get().equals(current.etag())) {
      throw changed(current.id());
    }
    return OptionalLong.of(current.version());
  }

  private static void requireText(String body) {
    if (body.isBlank()) {
      throw ServiceException.invalid("body", "body.not_blank", "must not be only white space");
    }
  }

  private static ServiceException notFound(UUID messageId) {
    return ServiceException.notFound("message " + messageId);
  }

  private static ServiceException changed(UUID messageId) {
    return ServiceException.failedPrecondition(
        "message " + messageId + " changed since the given etag was read; read it again and retry");
  }
}
