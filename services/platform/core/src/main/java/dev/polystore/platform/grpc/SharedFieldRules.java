package dev.polystore.platform.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.polystore.platform.errors.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules every field of every request shares, checked in one place so that the next contract
 * cannot forget them (protovalidate has no standard rule for either):
 * <ul>
 *   <li>no string holds U+0000: PostgreSQL refuses it in text and no field of ours means to carry
 *       it, so it is refused for every store alike;
 *   <li>every Timestamp and Duration is well-formed (nanos in range, seconds within 0001-9999 or
 *       ±10,000 years, a Duration's parts of one sign), or the stored time would silently shift;
 *   <li>every float and double is finite (protovalidate's {@code float.finite} and
 *       {@code double.finite}, with their ids): no field of ours means NaN or an infinity, and a
 *       vector's components are checked here rather than by the contract's item rule because
 *       protovalidate evaluates a repeated field's item rules in CEL, one program run per item,
 *       which was a third of a 10k-document vector query's handler time (docs/benchmarks.md).
 * </ul>
 */
final class SharedFieldRules {
  static final String NUL_RULE = "string.no_nul";
  static final String TIMESTAMP_RULE = "timestamp.valid";
  static final String DURATION_RULE = "duration.valid";
  static final String FLOAT_RULE = "float.finite";
  static final String DOUBLE_RULE = "double.finite";
  /** No item index: the field itself, or a map entry's key or value. */
  private static final int NONE = -1;

  private SharedFieldRules() {}

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
          check(mapEntry.getKey(), entryPath, NONE, out);
          visit(mapEntry.getValue(), entryPath, NONE, out);
        }
      } else if (descriptor.isRepeated()) {
        List<?> values = (List<?>) field.getValue();
        for (int i = 0; i < values.size(); i++) {
          visit(values.get(i), path, i, out);
        }
      } else {
        visit(field.getValue(), path, NONE, out);
      }
    }
  }

  /** The value at {@code path}, or at its item {@code index} when that is not {@link #NONE}. */
  private static void visit(Object value, String path, int index, List<FieldViolation> out) {
    if (value instanceof Timestamp timestamp) {
      if (!Timestamps.isValid(timestamp)) {
        out.add(new FieldViolation(at(path, index), TIMESTAMP_RULE,
            "must be a valid timestamp: nanos 0 to 999,999,999, between years 0001 and 9999"));
      }
    } else if (value instanceof Duration duration) {
      if (!Durations.isValid(duration)) {
        out.add(new FieldViolation(at(path, index), DURATION_RULE,
            "must be a valid duration: at most 10,000 years, nanos below one second, both of one sign"));
      }
    } else if (value instanceof Message nested) {
      walk(nested, at(path, index) + ".", out);
    } else {
      check(value, path, index, out);
    }
  }

  /**
   * A field's path, with its item's index: built only for a violation or a nested message, as a
   * vector's 384 components would otherwise build 384 strings per request to report none.
   */
  private static String at(String path, int index) {
    return index == NONE ? path : path + "[" + index + "]";
  }

  private static void check(Object value, String path, int index, List<FieldViolation> out) {
    if (value instanceof String text && text.indexOf('\0') >= 0) {
      out.add(new FieldViolation(at(path, index).replace("\0", "\\u0000"), NUL_RULE,
          "must not contain the character U+0000"));
    } else if (value instanceof Float number && !Float.isFinite(number)) {
      out.add(new FieldViolation(at(path, index), FLOAT_RULE, "must be finite"));
    } else if (value instanceof Double number && !Double.isFinite(number)) {
      out.add(new FieldViolation(at(path, index), DOUBLE_RULE, "must be finite"));
    }
  }
}
