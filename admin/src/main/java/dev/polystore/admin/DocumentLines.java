package dev.polystore.admin;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.VectorDocument;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One vector document as one JSON line of a search export:
 * {"id", "vector": [floats], "text", "attributes": {"name": {"type": "INT", "value": 3}}}. Each
 * attribute carries its type, as JSON alone cannot tell an INT 3 from a FLOAT 3.0 after a round trip.
 */
final class DocumentLines {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DocumentLines() {}

  static String encode(VectorDocument document) {
    ObjectNode line = JSON.createObjectNode();
    line.put("id", document.id());
    ArrayNode vector = line.putArray("vector");
    for (float component : document.vector()) {
      vector.add(component);
    }
    line.put("text", document.text());
    ObjectNode attributes = line.putObject("attributes");
    document.attributes().forEach((name, value) -> {
      ObjectNode attribute = attributes.putObject(name).put("type", value.type().name());
      switch (value.type()) {
        case STRING -> attribute.put("value", value.asString());
        case INT -> attribute.put("value", value.asLong());
        case FLOAT -> attribute.put("value", value.asDouble());
        case BOOL -> attribute.put("value", value.asBoolean());
      }
    });
    return JSON.writeValueAsString(line);
  }

  static VectorDocument decode(String text) {
    JsonNode line = JSON.readTree(text);
    JsonNode vectorNode = line.path("vector");
    float[] vector = new float[vectorNode.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = vectorNode.get(i).floatValue();
    }
    Map<String, AttributeValue> attributes = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : line.path("attributes").properties()) {
      JsonNode value = entry.getValue().path("value");
      attributes.put(entry.getKey(), switch (AttributeType.valueOf(entry.getValue().path("type").asString())) {
        case STRING -> AttributeValue.of(value.asString());
        case INT -> AttributeValue.of(value.asLong());
        case FLOAT -> AttributeValue.of(value.asDouble());
        case BOOL -> AttributeValue.of(value.asBoolean());
      });
    }
    return new VectorDocument(line.path("id").asString(), vector, line.path("text").asString(""), attributes);
  }
}
