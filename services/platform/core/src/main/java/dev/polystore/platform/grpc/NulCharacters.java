package dev.polystore.platform.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import dev.polystore.platform.errors.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rule for every string of every request: no U+0000. PostgreSQL refuses it in text, and no
 * field of ours means to carry it, so it is refused for every store alike, before any handler,
 * with the field named (protovalidate has no standard rule for it, and a pattern on every string
 * field of every contract would be easy to forget on the next one).
 */
final class NulCharacters {
  static final String RULE = "string.no_nul";
  private static final String DESCRIPTION = "must not contain the character U+0000";

  private NulCharacters() {}

  static List<FieldViolation> violations(Message message) {
    List<FieldViolation> out = new ArrayList<>();
    walk(message, "", out);
    return out;
  }

  private static void walk(Message message, String prefix, List<FieldViolation> out) {
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor descriptor = field.getKey();
      String path = prefix + descriptor.getName();
      if (descriptor.isMapField()) {
        for (Object entry : (List<?>) field.getValue()) {
          MapEntry<?, ?> mapEntry = (MapEntry<?, ?>) entry;
          String entryPath = path + "[\"" + mapEntry.getKey() + "\"]";
          check(mapEntry.getKey(), entryPath, out);
          visit(mapEntry.getValue(), entryPath, out);
        }
      } else if (descriptor.isRepeated()) {
        List<?> values = (List<?>) field.getValue();
        for (int i = 0; i < values.size(); i++) {
          visit(values.get(i), path + "[" + i + "]", out);
        }
      } else {
        visit(field.getValue(), path, out);
      }
    }
  }

  private static void visit(Object value, String path, List<FieldViolation> out) {
    if (value instanceof Message nested) {
      walk(nested, path + ".", out);
    } else {
      check(value, path, out);
    }
  }

  private static void check(Object value, String path, List<FieldViolation> out) {
    if (value instanceof String text && text.indexOf('\0') >= 0) {
      out.add(new FieldViolation(path.replace("\0", "\\u0000"), RULE, DESCRIPTION));
    }
  }
}
