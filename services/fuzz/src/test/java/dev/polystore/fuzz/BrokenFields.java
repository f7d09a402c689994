package dev.polystore.fuzz;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * One field a request must be refused for, whatever else it holds: U+0000 in a string, bytes that
 * are not UTF-8 in a string, a Timestamp or Duration out of range. As request bytes that set only
 * that field, to be appended to (merged into) any other request bytes.
 */
final class BrokenFields {
  private static final long HUGE_SECONDS = 1L << 62;
  private static final byte[][] NOT_UTF8 = {
      {(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {'a', (byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
  private static final Timestamp[] BAD_TIMESTAMPS = {
      timestamp(0, 2_000_000_000), timestamp(0, -1), timestamp(HUGE_SECONDS, 0), timestamp(-HUGE_SECONDS, 0),
      timestamp(Long.MAX_VALUE, 999_999_999), timestamp(253_402_300_800L, 0), timestamp(-62_135_596_801L, 0)};
  private static final Duration[] BAD_DURATIONS = {
      duration(0, 2_000_000_000), duration(1, -1), duration(-1, 1), duration(HUGE_SECONDS, 0),
      duration(315_576_000_001L, 0), duration(0, -1_000_000_000)};

  private final List<FieldPath> strings;
  private final List<FieldPath> timestamps;
  private final List<FieldPath> durations;

  BrokenFields(Descriptor request) {
    strings = FieldPath.find(request, FieldPath::isString);
    timestamps = FieldPath.find(request, FieldPath::isTimestamp);
    durations = FieldPath.find(request, FieldPath::isDuration);
  }

  boolean isEmpty() {
    return strings.isEmpty() && timestamps.isEmpty() && durations.isEmpty();
  }

  /** One broken field, its kind and place drawn from {@code random}; named for the report. */
  Broken next(Random random) {
    int kinds = (strings.isEmpty() ? 0 : 2) + (timestamps.isEmpty() ? 0 : 1) + (durations.isEmpty() ? 0 : 1);
    if (kinds == 0) {
      throw new IllegalStateException("no string, Timestamp or Duration field to break");
    }
    int kind = random.nextInt(kinds);
    if (!strings.isEmpty()) {
      if (kind == 0) {
        FieldPath path = pick(strings, random);
        String text = "fuzz\0" + random.nextInt(1000);
        return new Broken("NUL in " + path, path.wrap(text.getBytes(StandardCharsets.UTF_8)));
      }
      if (kind == 1) {
        FieldPath path = pick(strings, random);
        return new Broken("not UTF-8 in " + path, path.wrap(NOT_UTF8[random.nextInt(NOT_UTF8.length)]));
      }
      kind -= 2;
    }
    if (!timestamps.isEmpty()) {
      if (kind == 0) {
        FieldPath path = pick(timestamps, random);
        Timestamp bad = BAD_TIMESTAMPS[random.nextInt(BAD_TIMESTAMPS.length)];
        return new Broken("Timestamp " + bad.getSeconds() + "s " + bad.getNanos() + "ns in " + path,
            path.wrap(bad.toByteArray()));
      }
      kind -= 1;
    }
    FieldPath path = pick(durations, random);
    Duration bad = BAD_DURATIONS[random.nextInt(BAD_DURATIONS.length)];
    return new Broken("Duration " + bad.getSeconds() + "s " + bad.getNanos() + "ns in " + path,
        path.wrap(bad.toByteArray()));
  }

  /** A broken field: what it is, and the request bytes that set it. */
  record Broken(String name, byte[] bytes) {}

  private static FieldPath pick(List<FieldPath> paths, Random random) {
    return paths.get(random.nextInt(paths.size()));
  }

  private static Timestamp timestamp(long seconds, int nanos) {
    return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  private static Duration duration(long seconds, int nanos) {
    return Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }
}
