package dev.polystore.admin;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an export holds, written as {@code manifest.json} after every object it names: an export
 * without one was cut short and cannot be imported.
 *
 * @param service the service whose data it is
 * @param store postgresql or cassandra
 * @param schemaVersion the service's last migration applied on the source; an import migrates its
 *     target to the same version first
 * @param createdAt when the export's snapshot was taken (PostgreSQL) or its scan began (Cassandra)
 */
public record Manifest(int format, String service, String store, String schemaVersion, Instant createdAt,
    List<Entry> tables) {
  public static final String NAME = "manifest.json";
  public static final int FORMAT = 1;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** One table's rows in one object, gzip-compressed; {@code sha256} is of the object's bytes. */
  public record Entry(String table, String object, long rows, long bytes, String sha256) {}

  public byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  public static Manifest fromJson(byte[] json) {
    Manifest manifest = JSON.readValue(json, Manifest.class);
    if (manifest.format() != FORMAT) {
      throw new AdminFailure("manifest format " + manifest.format() + " is not " + FORMAT + ", which this tool reads");
    }
    return manifest;
  }

  public long rows() {
    return tables.stream().mapToLong(Entry::rows).sum();
  }
}
