package dev.polystore.fuzz;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A path from a request type down to one field, through nested messages, repeated elements and map
 * entries (all length-delimited on the wire), so that a value can be placed there as bytes: a
 * message holding only that field merges into whatever the rest of the request holds.
 */
record FieldPath(List<FieldDescriptor> fields) {
  private static final int MAX_DEPTH = 5;

  FieldDescriptor leaf() {
    return fields.get(fields.size() - 1);
  }

  /** The request bytes that set the leaf field's wire payload to {@code leafPayload} and nothing else. */
  byte[] wrap(byte[] leafPayload) {
    byte[] bytes = new Wire().field(leaf().getNumber(), leafPayload).bytes();
    for (int i = fields.size() - 2; i >= 0; i--) {
      bytes = new Wire().field(fields.get(i).getNumber(), bytes).bytes();
    }
    return bytes;
  }

  @Override
  public String toString() {
    return String.join(".", fields.stream().map(FieldDescriptor::getName).toList());
  }

  /** Every path to a field that {@code leaf} accepts, down to a few levels (recursive types stop there). */
  static List<FieldPath> find(Descriptor type, Predicate<FieldDescriptor> leaf) {
    List<FieldPath> out = new ArrayList<>();
    collect(type, new ArrayList<>(), leaf, out);
    return out;
  }

  private static void collect(Descriptor type, List<FieldDescriptor> prefix, Predicate<FieldDescriptor> leaf,
      List<FieldPath> out) {
    for (FieldDescriptor field : type.getFields()) {
      List<FieldDescriptor> path = new ArrayList<>(prefix);
      path.add(field);
      if (leaf.test(field)) {
        out.add(new FieldPath(List.copyOf(path)));
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && path.size() < MAX_DEPTH) {
        collect(field.getMessageType(), path, leaf, out);
      }
    }
  }

  static boolean isString(FieldDescriptor field) {
    return field.getType() == FieldDescriptor.Type.STRING;
  }

  static boolean isTimestamp(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && field.getMessageType().getFullName().equals("google.protobuf.Timestamp");
  }

  static boolean isDuration(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && field.getMessageType().getFullName().equals("google.protobuf.Duration");
  }
}
