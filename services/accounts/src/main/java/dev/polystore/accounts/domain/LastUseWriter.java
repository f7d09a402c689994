package dev.polystore.accounts.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Where {@link LastUseRecorder} sends its batches: the one store call it needs. */
@FunctionalInterface
public interface LastUseWriter {
  /** Sets last_used_at of each key to the given time, in one write. */
  void recordLastUses(Map<UUID, Instant> lastUses);
}
