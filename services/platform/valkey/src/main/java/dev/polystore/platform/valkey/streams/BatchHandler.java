package dev.polystore.platform.valkey.streams;

import java.util.List;

/**
 * A {@link StreamHandler} whose store takes a batch cheaper than single writes (search: one
 * embedding call and one index commit instead of one per message). The consumer hands it what one
 * read or claim returned; when that throws (other than an outage), it hands the entries to
 * {@link #handle} one by one, so a poison entry fails alone.
 */
public interface BatchHandler extends StreamHandler {
  /** Does what {@code entries} ask, in stream order; idempotent like {@link #handle}. */
  void handleAll(List<StreamEntry> entries) throws Exception;
}
