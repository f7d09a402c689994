package dev.polystore.fuzz;

import java.util.Random;
import java.util.UUID;

/** Values of each scalar type that tend to break code: boundaries, odd text, sizes. */
final class RandomValues {
  private static final String[] ODD_TEXT = {
      "", " ", "\t\n", "a", "null", "NaN", "-1", "0", "'; DROP TABLE users; --", "%_\\", "\\x00", "${jndi:x}",
      "../../etc/passwd", "\r\nX-Injected: 1", "\u202Eevil", "e\u0301", "\uD83D\uDE00", "\uFFFF", "\u00A0",
      "not-a-uuid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
      "ada@example.com", "@", "a@b", "image/png", "text/plain; charset=utf-8", "*", "<script>", "a b c"};

  private final Random random;

  RandomValues(Random random) {
    this.random = random;
  }

  /** Text for a field named {@code name}: ids get UUIDs more often, so that requests get further in. */
  String text(String name) {
    int draw = random.nextInt(10);
    if (name.endsWith("id") || name.endsWith("ids")) {
      if (draw < 5) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
      }
    } else if (name.contains("email") && draw < 4) {
      return "fuzz" + random.nextInt(1000) + "@example.com";
    }
    return switch (random.nextInt(4)) {
      case 0 -> ODD_TEXT[random.nextInt(ODD_TEXT.length)];
      case 1 -> ascii(1 + random.nextInt(40));
      case 2 -> unicode(1 + random.nextInt(20));
      default -> ascii(random.nextInt(300));
    };
  }

  String ascii(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (0x20 + random.nextInt(0x5F)));
    }
    return out.toString();
  }

  /** Any code points but U+0000 and lone surrogates (a Java String cannot carry those as UTF-8). */
  String unicode(int codePoints) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int codePoint;
      do {
        codePoint = random.nextBoolean() ? 1 + random.nextInt(0x7FF) : 1 + random.nextInt(0x10FFFF);
      } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
      out.appendCodePoint(codePoint);
    }
    return out.toString();
  }

  byte[] bytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  int int32() {
    int[] edges = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1,
        1000, 1001, 10_000, 65_536};
    return switch (random.nextInt(3)) {
      case 0 -> edges[random.nextInt(edges.length)];
      case 1 -> random.nextInt(200);
      default -> random.nextInt();
    };
  }

  long int64() {
    long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE + 1L, 1L << 53, -(1L << 62)};
    return switch (random.nextInt(3)) {
      case 0 -> edges[random.nextInt(edges.length)];
      case 1 -> random.nextInt(200);
      default -> random.nextLong();
    };
  }

  double float64() {
    double[] edges = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
        Double.MIN_VALUE, -Double.MAX_VALUE, 1e-300, 1.5};
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextGaussian() * 1e6;
  }

  float float32() {
    float[] edges = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
        Float.MIN_VALUE, -Float.MAX_VALUE, 0.5f};
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : (float) random.nextGaussian();
  }
}
