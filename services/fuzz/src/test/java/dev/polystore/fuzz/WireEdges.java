package dev.polystore.fuzz;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.List;
import java.util.Random;

/**
 * Raw protobuf edge cases, each appended to (or wrapped around) other request bytes: tag 0,
 * truncated varints and lengths, wrong and invalid wire types, unbalanced groups, nesting past
 * protobuf's limit of 100, random bytes.
 */
final class WireEdges {
  static final List<String> KINDS = List.of("tag 0", "truncated varint", "truncated length", "negative length",
      "overlong varint", "wrong wire type", "invalid wire type", "end group without start", "unclosed group",
      "nested unknown groups past 100", "nested messages past 100", "random bytes");
  private static final int PAST_LIMIT = 150;

  private final Descriptor request;
  private final Random random;

  WireEdges(Descriptor request, Random random) {
    this.request = request;
    this.random = random;
  }

  /** The edge case {@code kind} around {@code body}. */
  byte[] apply(String kind, byte[] body) {
    int field = anyField();
    return switch (kind) {
      case "tag 0" -> Wire.concat(body, new Wire().raw((byte) (random.nextBoolean() ? 0x00 : 0x02), (byte) 1).bytes());
      case "truncated varint" -> Wire.concat(body, new Wire().tag(field, Wire.VARINT).raw((byte) 0x80, (byte) 0x80).bytes());
      case "truncated length" -> Wire.concat(body, new Wire().tag(field, Wire.LEN).varint(100).raw("abc".getBytes()).bytes());
      case "negative length" -> Wire.concat(body, new Wire().tag(field, Wire.LEN).raw(
          (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x0F).raw((byte) 1).bytes());
      case "overlong varint" -> Wire.concat(body, new Wire().tag(field, Wire.VARINT).raw(
          (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
          (byte) 0xFF, (byte) 0xFF, (byte) 0x01).bytes());
      case "wrong wire type" -> Wire.concat(body, wrongWireType());
      case "invalid wire type" -> Wire.concat(body, new Wire().tag(field, 6 + random.nextInt(2)).raw((byte) 1).bytes());
      case "end group without start" -> Wire.concat(body, new Wire().tag(field, Wire.END_GROUP).bytes());
      case "unclosed group" -> Wire.concat(body, new Wire().tag(field, Wire.START_GROUP).tag(field, Wire.VARINT)
          .varint(1).bytes());
      case "nested unknown groups past 100" -> Wire.concat(body, unknownGroups());
      case "nested messages past 100" -> Wire.concat(body, nestedMessages());
      case "random bytes" -> Wire.concat(body, new RandomValues(random).bytes(1 + random.nextInt(256)));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** A known field of the request with a wire type that does not match its type. */
  private byte[] wrongWireType() {
    List<FieldDescriptor> fields = request.getFields();
    FieldDescriptor field = fields.get(random.nextInt(fields.size()));
    Wire wire = new Wire();
    if (field.getType() == FieldDescriptor.Type.STRING || field.getType() == FieldDescriptor.Type.MESSAGE
        || field.getType() == FieldDescriptor.Type.BYTES) {
      return switch (random.nextInt(3)) {
        case 0 -> wire.tag(field.getNumber(), Wire.VARINT).varint(random.nextLong()).bytes();
        case 1 -> wire.tag(field.getNumber(), Wire.FIXED32).raw(new byte[4]).bytes();
        default -> wire.tag(field.getNumber(), Wire.FIXED64).raw(new byte[8]).bytes();
      };
    }
    return wire.field(field.getNumber(), "abc".getBytes()).bytes();
  }

  private byte[] unknownGroups() {
    Wire wire = new Wire();
    for (int i = 0; i < PAST_LIMIT; i++) {
      wire.tag(9999, Wire.START_GROUP);
    }
    for (int i = 0; i < PAST_LIMIT; i++) {
      wire.tag(9999, Wire.END_GROUP);
    }
    return wire.bytes();
  }

  /**
   * Messages nested past the limit: through a type that contains itself when the request has one,
   * else through an unknown length-delimited field (which the parser skips, so the request stays
   * refused by the rest of it).
   */
  private byte[] nestedMessages() {
    List<FieldPath> recursive = FieldPath.find(request, f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && f.getMessageType().equals(f.getContainingType()));
    int field = recursive.isEmpty() ? 9998 : recursive.get(0).leaf().getNumber();
    byte[] inner = new byte[0];
    for (int i = 0; i < PAST_LIMIT; i++) {
      inner = new Wire().field(field, inner).bytes();
    }
    return recursive.isEmpty() ? inner : recursive.get(0).wrap(inner);
  }

  private int anyField() {
    List<FieldDescriptor> fields = request.getFields();
    return random.nextBoolean() || fields.isEmpty() ? 1 + random.nextInt(20)
        : fields.get(random.nextInt(fields.size())).getNumber();
  }
}
