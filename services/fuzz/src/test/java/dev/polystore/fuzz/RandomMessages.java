package dev.polystore.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.Random;

/**
 * Requests of a type with random values of the right types in random fields: boundary numbers,
 * odd and sometimes huge strings, unknown enum numbers, and now and then one huge repeated field
 * (up to a few MB in all, under the server's 4 MiB message limit).
 */
final class RandomMessages {
  private static final int MAX_DEPTH = 4;
  /** About 2.5 MB: huge, yet under grpc-java's default 4 MiB inbound limit, so the server parses it. */
  private static final int HUGE_BYTES = 2_500_000;

  private final Random random;
  private final RandomValues values;
  private boolean hugeLeft;

  RandomMessages(Random random) {
    this.random = random;
    this.values = new RandomValues(random);
  }

  /** A random message; {@code huge} makes one string, bytes or repeated field in it a few MB large. */
  Message next(Descriptor type, boolean huge) {
    hugeLeft = huge;
    return fill(type, 0);
  }

  private Message fill(Descriptor type, int depth) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    if (depth > MAX_DEPTH) {
      return builder.build();
    }
    switch (type.getFullName()) {
      case "google.protobuf.Timestamp" -> {
        return builder.setField(type.findFieldByName("seconds"), (long) random.nextInt(2_000_000_000))
            .setField(type.findFieldByName("nanos"), random.nextInt(1_000_000_000)).build();
      }
      case "google.protobuf.Duration" -> {
        return builder.setField(type.findFieldByName("seconds"), (long) random.nextInt(100_000))
            .setField(type.findFieldByName("nanos"), random.nextInt(1_000_000_000)).build();
      }
      default -> { }
    }
    for (FieldDescriptor field : type.getFields()) {
      if (random.nextInt(10) < 3) {
        continue; // left unset
      }
      if (field.isRepeated()) {
        int count = repeatedCount(field);
        for (int i = 0; i < count; i++) {
          builder.addRepeatedField(field, value(field, depth));
        }
      } else {
        builder.setField(field, value(field, depth));
      }
    }
    return builder.build();
  }

  private int repeatedCount(FieldDescriptor field) {
    if (hugeLeft && random.nextInt(3) == 0) {
      hugeLeft = false;
      // Short elements: the count, not the size of one, is what a huge repeated field stresses.
      return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? 2_000 + random.nextInt(3_000)
          : 20_000 + random.nextInt(80_000);
    }
    int draw = random.nextInt(20);
    return draw < 5 ? 0 : draw < 18 ? 1 + random.nextInt(3) : 4 + random.nextInt(30);
  }

  private Object value(FieldDescriptor field, int depth) {
    return switch (field.getJavaType()) {
      case STRING -> hugeText(field);
      case BYTE_STRING -> ByteString.copyFrom(hugeLeft && random.nextInt(3) == 0 ? huge() : values.bytes(random.nextInt(64)));
      case INT -> values.int32();
      case LONG -> values.int64();
      case FLOAT -> values.float32();
      case DOUBLE -> values.float64();
      case BOOLEAN -> random.nextBoolean();
      case ENUM -> enumValue(field.getEnumType());
      case MESSAGE -> fill(field.getMessageType(), depth + 1);
    };
  }

  private String hugeText(FieldDescriptor field) {
    if (hugeLeft && random.nextInt(3) == 0) {
      hugeLeft = false;
      return random.nextBoolean() ? "x".repeat(HUGE_BYTES) : values.unicode(HUGE_BYTES / 6);
    }
    return values.text(field.getName());
  }

  private byte[] huge() {
    hugeLeft = false;
    return values.bytes(HUGE_BYTES);
  }

  /** A known value, or a number the enum does not name (proto3 enums are open). */
  private Object enumValue(EnumDescriptor type) {
    if (random.nextInt(4) == 0) {
      return type.findValueByNumberCreatingIfUnknown(values.int32());
    }
    return type.getValues().get(random.nextInt(type.getValues().size()));
  }
}
