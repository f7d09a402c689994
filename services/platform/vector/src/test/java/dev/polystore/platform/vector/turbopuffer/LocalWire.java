package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.IdOrder;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The server side of the wire format for {@link LocalTurbopuffer}: requests in, rows out, written from turbopuffer's docs. */
final class LocalWire {
  private LocalWire() {}

  static Map<String, AttributeType> declaredAttributes(JsonNode schema) {
    Map<String, AttributeType> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      TurbopufferCodec.attributeType(entry.getValue().path("type").asString(""))
          .ifPresent(type -> out.put(entry.getKey(), type));
    }
    out.remove("text");
    return out;
  }

  static WriteBatch batch(JsonNode body, Map<String, AttributeType> declared) {
    List<VectorDocument> upserts = new ArrayList<>();
    for (JsonNode row : body.path("upsert_rows")) {
      if (!row.path("id").isString() && !row.path("id").isIntegralNumber()) {
        throw new IllegalArgumentException("every row needs an id");
      }
      JsonNode vectorNode = row.path("vector");
      if (!vectorNode.isArray()) {
        throw new IllegalArgumentException("row " + row.path("id").asString() + " has no vector");
      }
      float[] vector = new float[vectorNode.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = vectorNode.get(i).floatValue();
      }
      Map<String, AttributeValue> attributes = new HashMap<>();
      for (Map.Entry<String, JsonNode> field : row.properties()) {
        String name = field.getKey();
        if (!name.equals("id") && !name.equals("vector") && !name.equals("text") && !field.getValue().isNull()) {
          attributes.put(name, value(field.getValue(), declared.get(name)));
        }
      }
      upserts.add(new VectorDocument(row.path("id").asString(), vector, row.path("text").asString(""), attributes));
    }
    List<String> deletes = new ArrayList<>();
    body.path("deletes").forEach(id -> deletes.add(id.asString()));
    return new WriteBatch(upserts, deletes);
  }

  static VectorQuery query(JsonNode body, NamespaceSchema schema) {
    JsonNode rankBy = body.path("rank_by");
    Ranking ranking;
    if (rankBy.size() == 3 && rankBy.get(1).asString("").equals("ANN")) {
      JsonNode vectorNode = rankBy.get(2);
      float[] vector = new float[vectorNode.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = vectorNode.get(i).floatValue();
      }
      ranking = new Ranking.Nearest(vector);
    } else if (rankBy.size() == 3 && rankBy.get(1).asString("").equals("BM25") && rankBy.get(0).asString("").equals("text")) {
      ranking = new Ranking.FullText(rankBy.get(2).asString());
    } else {
      throw new IllegalArgumentException("unsupported rank_by " + rankBy);
    }
    // Stricter than turbopuffer, which still takes the deprecated top_k: our client must send limit.
    if (body.has("top_k")) {
      throw new IllegalArgumentException("top_k is deprecated: send limit");
    }
    int topK = body.path("limit").asInt(10);
    if (topK < 1 || topK > 1200) {
      throw new IllegalArgumentException("limit must be between 1 and 1200");
    }
    Filter filter = body.has("filters") ? filter(body.get("filters"), schema) : null;
    Map<String, AttributeType> include = new HashMap<>();
    JsonNode wanted = body.path("include_attributes");
    if (wanted.isBoolean() && wanted.asBoolean()) {
      include.putAll(schema.attributes());
    } else {
      wanted.forEach(name -> {
        AttributeType type = schema.attributes().get(name.asString());
        if (type != null) {
          include.put(name.asString(), type);
        }
      });
    }
    return new VectorQuery(ranking, filter, topK, include);
  }

  static Filter filter(JsonNode node, NamespaceSchema schema) {
    if (!node.isArray() || node.size() < 2) {
      throw new IllegalArgumentException("bad filter " + node);
    }
    String head = node.get(0).asString("");
    switch (head) {
      case "And", "Or" -> {
        List<Filter> filters = new ArrayList<>();
        node.get(1).forEach(f -> filters.add(filter(f, schema)));
        return head.equals("And") ? new Filter.All(filters) : new Filter.Any(filters);
      }
      case "Not" -> {
        return new Filter.Not(filter(node.get(1), schema));
      }
      default -> {
        if (node.size() != 3) {
          throw new IllegalArgumentException("bad filter " + node);
        }
        Filter.Operator operator = operator(node.get(1).asString(""));
        AttributeType type = schema.attributes().get(head);
        List<AttributeValue> values = new ArrayList<>();
        if (operator == Filter.Operator.IN || operator == Filter.Operator.NOT_IN) {
          node.get(2).forEach(v -> values.add(value(v, type)));
        } else {
          values.add(value(node.get(2), type));
        }
        return new Filter.Comparison(head, operator, values);
      }
    }
  }

  /** The query parameters of a GET, decoded. */
  static Map<String, String> queryParameters(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        parameters.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  /**
   * GET /v1/namespaces: {"namespaces": [{"id"}], "next_cursor"} with prefix, page_size (default 100,
   * at most 1000) and cursor (ours is the last name of the previous page; turbopuffer's is opaque).
   */
  static ObjectNode namespacePage(LuceneVectorStore engine, Map<String, String> parameters) {
    int pageSize = Integer.parseInt(parameters.getOrDefault("page_size", "100"));
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("page_size must be between 1 and 1000");
    }
    String cursor = parameters.get("cursor");
    List<String> names = engine.namespaces(parameters.getOrDefault("prefix", "")).stream()
        .filter(name -> cursor == null || IdOrder.ORDER.compare(name, cursor) > 0)
        .toList();
    ObjectNode answer = TurbopufferHttp.JSON.createObjectNode();
    ArrayNode namespaces = answer.putArray("namespaces");
    names.stream().limit(pageSize).forEach(name -> namespaces.addObject().put("id", name));
    if (names.size() > pageSize) {
      answer.put("next_cursor", names.get(pageSize - 1));
    }
    return answer;
  }

  /** A query ranked by ["id", "asc"]: the paging turbopuffer's export guide describes. */
  static boolean isIdOrder(JsonNode body) {
    JsonNode rankBy = body.path("rank_by");
    return rankBy.size() == 2 && rankBy.get(0).asString("").equals("id") && rankBy.get(1).asString("").equals("asc");
  }

  /**
   * One page of an id-ordered query: only the filter ["id", "Gt", last] is understood (all an export
   * needs), limit up to 10,000 as in turbopuffer's export example, and the attributes asked for.
   */
  static ObjectNode page(LuceneVectorStore engine, String namespace, JsonNode body, NamespaceSchema schema) {
    int limit = body.path("limit").asInt(10);
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be between 1 and 10000");
    }
    String afterId = null;
    if (body.has("filters")) {
      JsonNode filter = body.get("filters");
      if (filter.size() != 3 || !filter.get(0).asString("").equals("id") || !filter.get(1).asString("").equals("Gt")) {
        throw new IllegalArgumentException("this server pages by id with the filter [\"id\", \"Gt\", id] only, got " + filter);
      }
      afterId = filter.get(2).asString();
    }
    Set<String> include = new HashSet<>();
    JsonNode wanted = body.path("include_attributes");
    if (wanted.isBoolean() && wanted.asBoolean()) {
      include.addAll(schema.attributes().keySet());
      include.add("text");
    } else {
      wanted.forEach(name -> include.add(name.asString()));
    }
    ObjectNode answer = TurbopufferHttp.JSON.createObjectNode();
    ArrayNode rows = answer.putArray("rows");
    for (VectorDocument document : engine.documents(namespace, afterId, limit)) {
      ObjectNode row = rows.addObject();
      row.put("id", document.id());
      if (include.contains("vector")) {
        ArrayNode vector = row.putArray("vector");
        for (float component : document.vector()) {
          vector.add(component);
        }
      }
      if (include.contains("text") && !document.text().isEmpty()) {
        row.put("text", document.text());
      }
      document.attributes().forEach((name, value) -> {
        if (include.contains(name)) {
          row.set(name, TurbopufferCodec.value(value));
        }
      });
    }
    answer.putObject("billing").put("billable_logical_bytes_queried", 0).put("billable_logical_bytes_returned", 0);
    return answer;
  }

  static ObjectNode rows(List<ScoredDocument> hits, VectorQuery query) {
    ObjectNode answer = TurbopufferHttp.JSON.createObjectNode();
    ArrayNode rows = answer.putArray("rows");
    boolean nearest = query.ranking() instanceof Ranking.Nearest;
    for (ScoredDocument hit : hits) {
      ObjectNode row = rows.addObject();
      row.put("id", hit.id());
      row.put("$dist", nearest ? 1.0 - hit.score() : hit.score());
      if (!hit.text().isEmpty()) {
        row.put("text", hit.text());
      }
      hit.attributes().forEach((name, value) -> row.set(name, TurbopufferCodec.value(value)));
    }
    answer.putObject("billing").put("billable_logical_bytes_queried", 0).put("billable_logical_bytes_returned", 0);
    answer.putObject("performance").put("query_execution_ms", 0);
    return answer;
  }

  private static Filter.Operator operator(String name) {
    for (Filter.Operator operator : Filter.Operator.values()) {
      if (TurbopufferCodec.operator(operator).equals(name)) {
        return operator;
      }
    }
    throw new IllegalArgumentException("unsupported filter operator " + name);
  }

  /** A JSON value as an attribute of the declared type; undeclared, its JSON type decides. */
  private static AttributeValue value(JsonNode node, AttributeType declared) {
    AttributeType type = declared;
    if (type == null) {
      type = node.isString() ? AttributeType.STRING : node.isBoolean() ? AttributeType.BOOL
          : node.isIntegralNumber() ? AttributeType.INT : node.isNumber() ? AttributeType.FLOAT : null;
    }
    boolean fits = type != null && switch (type) {
      case STRING -> node.isString();
      case BOOL -> node.isBoolean();
      case INT -> node.isIntegralNumber();
      case FLOAT -> node.isNumber();
    };
    if (!fits) {
      throw new IllegalArgumentException("value " + node + " does not fit attribute type " + type);
    }
    return TurbopufferCodec.attribute(type, node);
  }
}
