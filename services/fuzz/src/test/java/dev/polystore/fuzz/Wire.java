package dev.polystore.fuzz;

import java.io.ByteArrayOutputStream;

/** Hand-written protobuf wire bytes, for what no message builder would produce. */
final class Wire {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int START_GROUP = 3;
  static final int END_GROUP = 4;
  static final int FIXED32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Wire tag(int field, int wireType) {
    return varint(((long) field << 3) | wireType);
  }

  Wire varint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return this;
  }

  Wire raw(byte... bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  /** A length-delimited field: string, bytes, nested message or map entry. */
  Wire field(int field, byte[] payload) {
    return tag(field, LEN).varint(payload.length).raw(payload);
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    Wire wire = new Wire();
    for (byte[] part : parts) {
      wire.raw(part);
    }
    return wire.bytes();
  }
}
