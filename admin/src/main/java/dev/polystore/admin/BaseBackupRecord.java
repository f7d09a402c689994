package dev.polystore.admin;

import java.time.Instant;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a base backup is, kept beside it as {@code base/<name>.json} and written after it: a point in
 * time at or after {@code stoppedAt} can be restored from it with the WAL archived since.
 */
public record BaseBackupRecord(String name, String object, String sha256, long bytes, String stopLsn,
    Instant startedAt, Instant stoppedAt) {
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  static BaseBackupRecord fromJson(byte[] json) {
    return JSON.readValue(json, BaseBackupRecord.class);
  }
}
