package dev.polystore.platform.valkey.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of a stream as a handler gets it.
 *
 * @param stream the stream's key
 * @param id the entry's id, {@code <milliseconds>-<sequence>}: when it was appended
 * @param fields the entry's fields; values are bytes, as they may be serialized protobuf
 */
public record StreamEntry(String stream, String id, Map<String, byte[]> fields) {
  public StreamEntry {
    fields = Map.copyOf(fields);
  }

  /** A field's bytes, empty when the entry has no such field. */
  public byte[] bytes(String field) {
    byte[] value = fields.get(field);
    return value == null ? new byte[0] : value;
  }

  /** A field as UTF-8 text, empty when the entry has no such field. */
  public String text(String field) {
    return new String(bytes(field), StandardCharsets.UTF_8);
  }

  /** When the entry was appended to the stream, from its id. */
  public Instant appended() {
    return Instant.ofEpochMilli(Long.parseLong(id.substring(0, id.indexOf('-'))));
  }
}
