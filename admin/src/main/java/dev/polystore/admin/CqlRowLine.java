package dev.polystore.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One exported row as a line of JSON: its columns' raw protocol bytes in base64 (null for null), then
 * the row's remaining TTL in seconds (null for none). Raw bytes, not CQL literals or {@code SELECT
 * JSON} (which Amazon Keyspaces does not offer), so no type needs a codec of ours.
 */
public record CqlRowLine(List<ByteBuffer> values, Integer ttl) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The first line of a table's file: the column names, in the order of every row after it. */
  static String header(List<ColumnMetadata> columns) {
    ObjectNode header = JSON.createObjectNode();
    ArrayNode names = header.putArray("columns");
    ArrayNode types = header.putArray("types");
    for (ColumnMetadata column : columns) {
      names.add(column.getName().asInternal());
      types.add(column.getType().asCql(true, true));
    }
    return JSON.writeValueAsString(header);
  }

  static List<String> columns(String header) {
    if (header == null) {
      throw new AdminFailure("an exported table file without its header line");
    }
    List<String> names = new ArrayList<>();
    JSON.readTree(header).get("columns").forEach(n -> names.add(n.asString()));
    return names;
  }

  /** The row of {@code SELECT c1..cn[, TTL(c)]}: n columns, then the TTL when selected. */
  static String encode(Row row, int columns, boolean withTtl) {
    ArrayNode line = JSON.createArrayNode();
    Base64.Encoder base64 = Base64.getEncoder();
    for (int i = 0; i < columns; i++) {
      ByteBuffer bytes = row.getBytesUnsafe(i);
      if (bytes == null) {
        line.addNull();
      } else {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        line.add(base64.encodeToString(copy));
      }
    }
    if (!withTtl || row.isNull(columns)) {
      line.addNull();
    } else {
      line.add(row.getInt(columns));
    }
    return JSON.writeValueAsString(line);
  }

  static CqlRowLine decode(String text, int columns) {
    JsonNode line = JSON.readTree(text);
    if (!line.isArray() || line.size() != columns + 1) {
      throw new AdminFailure("an exported row of " + line.size() + " values where " + (columns + 1) + " belong");
    }
    List<ByteBuffer> values = new ArrayList<>(columns);
    for (int i = 0; i < columns; i++) {
      JsonNode value = line.get(i);
      values.add(value.isNull() ? null : ByteBuffer.wrap(Base64.getDecoder().decode(value.asString())));
    }
    JsonNode ttl = line.get(columns);
    return new CqlRowLine(values, ttl.isNull() ? null : ttl.asInt());
  }

  ByteBuffer value(int index) {
    return values.get(index);
  }

  /**
   * The column whose TTL stands for the row's: a regular column that is neither a counter nor a
   * collection a cell per element (TTL() refuses both). The services write whole rows with one TTL.
   */
  static Optional<ColumnMetadata> ttlColumn(TableMetadata table) {
    return table.getColumns().values().stream()
        .filter(c -> !table.getPrimaryKey().contains(c))
        .filter(c -> !c.getType().equals(DataTypes.COUNTER))
        .filter(c -> !isMultiCell(c))
        .findFirst();
  }

  private static boolean isMultiCell(ColumnMetadata column) {
    var type = column.getType();
    return type instanceof ListType list && !list.isFrozen()
        || type instanceof SetType set && !set.isFrozen()
        || type instanceof MapType map && !map.isFrozen();
  }
}
