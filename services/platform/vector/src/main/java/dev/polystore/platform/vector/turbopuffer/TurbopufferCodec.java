package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our values in turbopuffer's v2 JSON and back. A document is a row {"id", "vector", "text", ...attributes};
 * "text" is a BM25 attribute, and every write declares the schema of what it writes.
 */
final class TurbopufferCodec {
  static final String VECTOR = "vector";
  static final String TEXT = "text";
  static final String DISTANCE_METRIC = "cosine_distance";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern VECTOR_TYPE = Pattern.compile("\\[(\\d+)]f(16|32)");

  private TurbopufferCodec() {}

  /** The body of POST /v2/namespaces/:namespace. */
  static ObjectNode writeBody(WriteBatch batch, NamespaceSchema schema) {
    ObjectNode body = NODES.objectNode();
    if (!batch.upserts().isEmpty()) {
      ArrayNode rows = body.putArray("upsert_rows");
      batch.upserts().forEach(document -> rows.add(row(document)));
      body.put("distance_metric", DISTANCE_METRIC);
      body.set("schema", schema(schema));
    }
    if (!batch.deletes().isEmpty()) {
      ArrayNode deletes = body.putArray("deletes");
      batch.deletes().forEach(deletes::add);
    }
    return body;
  }

  static ObjectNode row(VectorDocument document) {
    ObjectNode row = NODES.objectNode();
    row.put("id", document.id());
    ArrayNode vector = row.putArray(VECTOR);
    for (float component : document.vector()) {
      vector.add(component);
    }
    if (!document.text().isEmpty()) {
      row.put(TEXT, document.text());
    }
    document.attributes().forEach((name, value) -> row.set(name, value(value)));
    return row;
  }

  static ObjectNode schema(NamespaceSchema schema) {
    ObjectNode out = NODES.objectNode();
    out.putObject(VECTOR).put("type", "[" + schema.dimension() + "]f32").put("ann", true);
    out.putObject(TEXT).put("type", "string").put("full_text_search", true);
    schema.attributes().forEach((name, type) -> out.putObject(name).put("type", typeName(type)).put("filterable", true));
    return out;
  }

  /** The body of POST /v2/namespaces/:namespace/query; strong consistency, so a query sees every acknowledged write. */
  static ObjectNode queryBody(VectorQuery query) {
    ObjectNode body = NODES.objectNode();
    ArrayNode rankBy = body.putArray("rank_by");
    if (query.ranking() instanceof Ranking.Nearest nearest) {
      rankBy.add(VECTOR).add("ANN");
      ArrayNode vector = rankBy.addArray();
      for (float component : nearest.vector()) {
        vector.add(component);
      }
    } else {
      rankBy.add(TEXT).add("BM25").add(((Ranking.FullText) query.ranking()).text());
    }
    body.put("limit", query.topK()); // top_k is deprecated
    if (query.filter() != null) {
      body.set("filters", filter(query.filter()));
    }
    ArrayNode include = body.putArray("include_attributes");
    include.add(TEXT);
    query.attributes().keySet().stream().sorted().forEach(include::add);
    body.putObject("consistency").put("level", "strong");
    return body;
  }

  static JsonNode filter(Filter filter) {
    ArrayNode out = NODES.arrayNode();
    if (filter instanceof Filter.Comparison comparison) {
      out.add(comparison.attribute()).add(operator(comparison.operator()));
      if (comparison.operator() == Filter.Operator.IN || comparison.operator() == Filter.Operator.NOT_IN) {
        ArrayNode values = out.addArray();
        comparison.values().forEach(v -> values.add(value(v)));
      } else {
        out.add(value(comparison.values().get(0)));
      }
    } else if (filter instanceof Filter.All all) {
      ArrayNode filters = out.add("And").addArray();
      all.filters().forEach(f -> filters.add(filter(f)));
    } else if (filter instanceof Filter.Any any) {
      ArrayNode filters = out.add("Or").addArray();
      any.filters().forEach(f -> filters.add(filter(f)));
    } else {
      out.add("Not").add(filter(((Filter.Not) filter).filter()));
    }
    return out;
  }

  /**
   * The body of a query that pages through a namespace by id: ranked by id ascending, after the
   * previous page's last id, with every attribute the schema names and the vector.
   */
  static ObjectNode pageBody(String afterId, int limit, NamespaceSchema schema) {
    ObjectNode body = NODES.objectNode();
    body.putArray("rank_by").add("id").add("asc");
    body.put("limit", limit);
    if (afterId != null) {
      body.putArray("filters").add("id").add("Gt").add(afterId);
    }
    ArrayNode include = body.putArray("include_attributes");
    include.add(VECTOR).add(TEXT);
    schema.attributes().keySet().stream().sorted().forEach(include::add);
    body.putObject("consistency").put("level", "strong");
    return body;
  }

  /** Rows of a page (see {@link #pageBody}) as whole documents. */
  static List<VectorDocument> documents(JsonNode answer, NamespaceSchema schema) {
    List<VectorDocument> documents = new ArrayList<>();
    for (JsonNode row : answer.path("rows")) {
      String id = row.path("id").asString();
      JsonNode vectorNode = row.path(VECTOR);
      if (!vectorNode.isArray()) {
        throw new IllegalStateException("turbopuffer returned document " + id + " without its vector");
      }
      float[] vector = new float[vectorNode.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = vectorNode.get(i).floatValue();
      }
      documents.add(new VectorDocument(id, vector, text(row), attributes(row, schema.attributes())));
    }
    return documents;
  }

  /** Rows of a query answer as hits: ANN's $dist is a cosine distance (our score is 1 - it); BM25's is the score. */
  static List<ScoredDocument> hits(JsonNode answer, VectorQuery query) {
    List<ScoredDocument> hits = new ArrayList<>();
    boolean nearest = query.ranking() instanceof Ranking.Nearest;
    for (JsonNode row : answer.path("rows")) {
      double dist = row.path("$dist").asDouble(0);
      hits.add(new ScoredDocument(row.path("id").asString(), nearest ? 1.0 - dist : dist, text(row),
          attributes(row, query.attributes())));
    }
    return hits;
  }

  /** The row's {@code wanted} attributes that it has (null or missing: absent). */
  private static Map<String, AttributeValue> attributes(JsonNode row, Map<String, AttributeType> wanted) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    wanted.forEach((name, type) -> {
      JsonNode value = row.get(name);
      if (value != null && !value.isNull()) {
        attributes.put(name, attribute(type, value));
      }
    });
    return attributes;
  }

  private static String text(JsonNode row) {
    JsonNode text = row.get(TEXT);
    return text == null || text.isNull() ? "" : text.asString();
  }

  /** GET /v1/namespaces/:namespace/schema as our schema; empty when it has no vector attribute. */
  static Optional<NamespaceSchema> namespaceSchema(JsonNode answer) {
    int dimension = 0;
    Map<String, AttributeType> attributes = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : answer.properties()) {
      String type = entry.getValue().path("type").asString("");
      if (entry.getKey().equals(VECTOR)) {
        Matcher matcher = VECTOR_TYPE.matcher(type);
        if (matcher.matches()) {
          dimension = Integer.parseInt(matcher.group(1));
        }
      } else if (!entry.getKey().equals(TEXT) && !entry.getKey().equals("id")) {
        attributeType(type).ifPresent(t -> attributes.put(entry.getKey(), t));
      }
    }
    return dimension == 0 ? Optional.empty() : Optional.of(new NamespaceSchema(dimension, attributes));
  }

  static String typeName(AttributeType type) {
    return switch (type) {
      case STRING -> "string";
      case INT -> "int";
      case FLOAT -> "float";
      case BOOL -> "bool";
    };
  }

  static Optional<AttributeType> attributeType(String name) {
    return switch (name) {
      case "string" -> Optional.of(AttributeType.STRING);
      case "int", "uint" -> Optional.of(AttributeType.INT);
      case "float" -> Optional.of(AttributeType.FLOAT);
      case "bool" -> Optional.of(AttributeType.BOOL);
      default -> Optional.empty();
    };
  }

  static String operator(Filter.Operator operator) {
    return switch (operator) {
      case EQ -> "Eq";
      case NOT_EQ -> "NotEq";
      case LT -> "Lt";
      case LTE -> "Lte";
      case GT -> "Gt";
      case GTE -> "Gte";
      case IN -> "In";
      case NOT_IN -> "NotIn";
    };
  }

  static JsonNode value(AttributeValue value) {
    return switch (value.type()) {
      case STRING -> NODES.stringNode(value.asString());
      case INT -> NODES.numberNode(value.asLong());
      case FLOAT -> NODES.numberNode(value.asDouble());
      case BOOL -> NODES.booleanNode(value.asBoolean());
    };
  }

  static AttributeValue attribute(AttributeType type, JsonNode value) {
    return switch (type) {
      case STRING -> AttributeValue.of(value.asString());
      case INT -> AttributeValue.of(value.asLong());
      case FLOAT -> AttributeValue.of(value.asDouble());
      case BOOL -> AttributeValue.of(value.asBoolean());
    };
  }
}
