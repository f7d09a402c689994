package dev.polystore.platform.valkey.streams;

import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What one consumer group does with one stream, tagged with OpenTelemetry's messaging attribute
 * names: entries handled, handler failures, dead letters, and the lag from append to handled.
 */
final class StreamMetrics {
  private final Counter handled;
  private final Counter failed;
  private final Counter deadLetters;
  private final Timer lag;

  StreamMetrics(String stream, String group) {
    Tags tags = Tags.of("messaging.destination.name", stream, "messaging.consumer.group.name", group);
    handled = Counter.builder("polystore.events.handled").description("stream entries handled and acknowledged")
        .tags(tags).register(Telemetry.meters());
    failed = Counter.builder("polystore.events.failed")
        .description("handler failures other than outages; the entry is tried again later").tags(tags)
        .register(Telemetry.meters());
    deadLetters = Counter.builder("polystore.events.dead_letters")
        .description("entries moved to the dead-letter stream after the last attempt").tags(tags)
        .register(Telemetry.meters());
    lag = Timer.builder("polystore.events.lag").description("from an entry's append to the stream to its handling")
        .tags(tags).register(Telemetry.meters());
  }

  void handled(Duration sinceAppend) {
    handled.increment();
    lag.record(sinceAppend.isNegative() ? Duration.ZERO : sinceAppend);
  }

  void failed() {
    failed.increment();
  }

  void deadLettered() {
    deadLetters.increment();
  }
}
