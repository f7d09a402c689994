package dev.polystore.files;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polystore.events.v1.Event;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The events a test keyspace's outbox holds, unsent and sent, decoded: what a test asserts on. */
final class FileOutbox {
  private FileOutbox() {}

  /** The unsent events of one workspace. */
  static List<Event> unsent(CqlSession cql, String workspaceId) {
    return of(cql, "SELECT payload FROM outbox", workspaceId);
  }

  /** The relayed events of one workspace. */
  static List<Event> sent(CqlSession cql, String workspaceId) {
    return of(cql, "SELECT payload FROM outbox_sent", workspaceId);
  }

  /** Both: every event the workspace's writes recorded. */
  static List<Event> all(CqlSession cql, String workspaceId) {
    List<Event> all = new ArrayList<>(unsent(cql, workspaceId));
    all.addAll(sent(cql, workspaceId));
    return all;
  }

  private static List<Event> of(CqlSession cql, String query, String workspaceId) {
    List<Event> events = new ArrayList<>();
    for (Row row : cql.execute(query)) {
      ByteBuffer payload = row.getByteBuffer("payload");
      byte[] bytes = new byte[payload.remaining()];
      payload.get(bytes);
      try {
        Event event = Event.parseFrom(bytes);
        if (event.getWorkspaceId().equals(workspaceId)) {
          events.add(event);
        }
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError("an outbox row that is no polystore.events.v1.Event", e);
      }
    }
    return events;
  }
}
