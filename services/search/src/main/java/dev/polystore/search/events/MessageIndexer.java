package dev.polystore.search.events;

import dev.polystore.events.v1.Event;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.valkey.streams.StreamEntry;
import dev.polystore.platform.valkey.streams.BatchHandler;
import dev.polystore.search.domain.AttributeValue;
import dev.polystore.search.domain.Indexing;
import dev.polystore.search.domain.NewDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes chat messages searchable by meaning: messenger's {@code message.posted} and
 * {@code message.edited} events upsert the message into its workspace's namespace (the text
 * embedded as any document's), {@code message.deleted} removes it. The document id is derived from
 * the message id, so a repeated event overwrites instead of adding; other event types are skipped.
 */
public final class MessageIndexer implements BatchHandler {
  private static final Logger log = LoggerFactory.getLogger(MessageIndexer.class);
  /** The group's name in every stream it reads. */
  public static final String GROUP = "search";
  /** The {@code kind} attribute of every message document, to filter queries to messages. */
  public static final String KIND = "message";

  private final Indexing indexing;

  public MessageIndexer(Indexing indexing) {
    this.indexing = indexing;
  }

  /** The search document id of a chat message: 8 + 36 characters, within the contract's 64. */
  public static String documentId(String messageId) {
    return "message:" + messageId;
  }

  @Override
  public void handle(StreamEntry entry) throws Exception {
    handleAll(List.of(entry));
  }

  /**
   * In stream order, with one upsert per workspace for the batch's posts and edits (one embedding
   * call, one index commit); a delete first writes what came before it in its workspace.
   */
  @Override
  public void handleAll(List<StreamEntry> entries) throws Exception {
    Map<String, Map<String, NewDocument>> upserts = new LinkedHashMap<>();
    for (StreamEntry entry : entries) {
      Event event = Event.parseFrom(entry.bytes("data"));
      switch (event.getPayloadCase()) {
        case MESSAGE_POSTED -> {
          var posted = event.getMessagePosted();
          index(upserts, posted.getWorkspaceId(), posted.getMessageId(), posted.getRoomId(), posted.getAuthorId(),
              posted.getBody());
        }
        case MESSAGE_EDITED -> {
          var edited = event.getMessageEdited();
          index(upserts, edited.getWorkspaceId(), edited.getMessageId(), edited.getRoomId(), edited.getAuthorId(),
              edited.getBody());
        }
        case MESSAGE_DELETED -> {
          var deleted = event.getMessageDeleted();
          remove(upserts, workspace(deleted.getWorkspaceId()), deleted.getMessageId());
        }
        default -> {
          // Not a message event: nothing to index.
        }
      }
    }
    for (String workspace : List.copyOf(upserts.keySet())) {
      write(upserts, workspace);
    }
  }

  private void index(Map<String, Map<String, NewDocument>> upserts, String workspaceId, String messageId,
      String roomId, String authorId, String body) {
    String workspace = workspace(workspaceId);
    if (body.isBlank()) {
      // Nothing to find it by (a document needs text): an edit to blank text unlists it.
      remove(upserts, workspace, messageId);
      return;
    }
    // A later event of the same message in the batch replaces the earlier: the last body wins.
    upserts.computeIfAbsent(workspace, w -> new LinkedHashMap<>()).put(documentId(messageId),
        new NewDocument(documentId(messageId), body, null, Map.of(
            "kind", AttributeValue.of(KIND),
            "room_id", AttributeValue.of(roomId),
            "author", AttributeValue.of(authorId))));
  }

  private void remove(Map<String, Map<String, NewDocument>> upserts, String workspace, String messageId) {
    write(upserts, workspace);
    indexing.delete(workspace, List.of(documentId(messageId)));
  }

  /** Writes the workspace's pending upserts, if any. */
  private void write(Map<String, Map<String, NewDocument>> upserts, String workspace) {
    Map<String, NewDocument> documents = upserts.remove(workspace);
    if (documents == null) {
      return;
    }
    try {
      indexing.upsert(workspace, List.copyOf(documents.values()));
    } catch (ServiceException e) {
      if (!bringsItsOwnVectors(e)) {
        throw e;
      }
      // The workspace's documents carry vectors of another dimension than our embedder's: its
      // namespace cannot hold embedded text, so its messages are not searchable. Not poison: no
      // later attempt would succeed, so skipped rather than dead-lettered.
      log.info("{} messages of workspace {} not indexed: {}", documents.size(), workspace, e.getMessage());
    }
  }

  private static boolean bringsItsOwnVectors(ServiceException e) {
    return e.reason() == ServiceException.Reason.INVALID_ARGUMENT
        && e.violations().stream().allMatch(violation -> violation.rule().equals("vector.required"));
  }

  /** A namespace is named after the workspace: only a canonical UUID may name one. */
  private static String workspace(String id) {
    if (!UUID.fromString(id).toString().equals(id)) {
      throw new IllegalArgumentException("workspace_id '" + id + "' is not a canonical UUID");
    }
    return id;
  }
}
