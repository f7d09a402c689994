package dev.polystore.accounts.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** google.protobuf.Timestamp to and from Instant. */
final class Timestamps {
  private Timestamps() {}

  static Timestamp of(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
