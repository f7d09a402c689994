package dev.polystore.messenger.domain;

import dev.polystore.platform.ids.UuidV7;
import java.util.concurrent.CompletionStage;

/**
 * Posts made without holding a thread while the store answers, for PostMessage, which the gRPC
 * service answers from the store's callback. The stage completes on the store's own thread.
 */
public interface MessagePosts {

  /**
   * Posts a message if its author is a member, or finds the message an earlier post with the same
   * key made. Posts to one room are serialised, and each new id comes from {@code ids} after the
   * room's greatest id, so ids grow in commit order and a page after a cursor never misses a
   * message committed later.
   */
  CompletionStage<PostOutcome> post(NewMessage message, UuidV7 ids);
}
