package dev.polystore.platform.events;

import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a service's outbox to its stream, on a thread of its own so request handling never
 * waits for it. Each round: when the bus lost its data (its marker is gone), one relay publishes
 * every row sent within the retention again, in id order; then unsent rows go out in batches
 * claimed with SKIP LOCKED (several instances relay side by side without sending a row twice);
 * once a minute the stream is trimmed by age and sent rows past the retention are deleted.
 * A failure (Valkey or the database away) backs off from the poll interval up to 5 s and the next
 * round resumes where the outbox says.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** Renewed with every page published again; another relay takes over this long after one died. */
  static final Duration REPUBLISH_LEASE = Duration.ofMinutes(1);
  private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);
  private static final Duration LAG_EVERY = Duration.ofSeconds(1);
  private static final int PURGE_BATCH = 1000;
  private static final int MAX_PURGE_BATCHES = 100;
  /** Batches per round before the round yields (a backlog never starves the lag and marker checks). */
  private static final int MAX_BATCHES_PER_ROUND = 50;

  private final String service;
  private final OutboxSource source;
  private final EventBus bus;
  private final EventsConfig config;
  private final Clock clock;
  private final Counter published;
  private final Counter republished;
  private final AtomicLong lagMillis = new AtomicLong();
  private final List<Meter> meters;
  private final ScheduledExecutorService thread;
  private volatile BooleanSupplier ready = () -> false;
  private Duration backoff;
  private Instant nextHousekeeping = Instant.MIN;
  private Instant nextLag = Instant.MIN;
  private long failures;

  public OutboxRelay(String service, OutboxSource source, EventBus bus, EventsConfig config, Clock clock) {
    this.service = service;
    this.source = source;
    this.bus = bus;
    this.config = config;
    this.clock = clock;
    this.backoff = config.interval();
    // The service too: two relays of one process never share (and on close remove) each other's meters.
    Tags tags = Tags.of("stream", config.stream(), "service", service);
    this.published = Counter.builder("polystore.events.published").tags(tags)
        .description("outbox rows published to the event stream").register(Telemetry.meters());
    this.republished = Counter.builder("polystore.events.republished").tags(tags)
        .description("sent rows published again after the event bus lost its data").register(Telemetry.meters());
    Gauge lag = Gauge.builder("polystore.events.outbox.lag", lagMillis, millis -> millis.get() / 1000.0)
        .tags(tags).baseUnit("seconds")
        .description("age of the oldest unsent outbox row, 0 when none").register(Telemetry.meters());
    this.meters = List.of(published, republished, lag);
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread relay = new Thread(runnable, "outbox-relay-" + service);
      relay.setDaemon(true);
      return relay;
    });
  }

  /** Starts relaying in the background once {@code ready} (the outbox migrated) says so. */
  public OutboxRelay start(BooleanSupplier whenReady) {
    this.ready = whenReady;
    thread.execute(this::loop);
    return this;
  }

  /** One round now, on the caller's thread (tests, and the loop): how many unsent rows went out. */
  public int relayOnce() {
    if (!bus.intact() && bus.claimRepublish(REPUBLISH_LEASE)) {
      publishAgain();
    }
    int sent = 0;
    for (int batch = 0; batch < MAX_BATCHES_PER_ROUND; batch++) {
      int count = source.relay(config.batchSize(), bus::publish);
      published.increment(count);
      sent += count;
      if (count < config.batchSize()) {
        break;
      }
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextHousekeeping)) {
      bus.trim(config.retention());
      // In batches, up to a minute's worth of a busy service, so the outbox stays bounded.
      for (int batch = 0; batch < MAX_PURGE_BATCHES; batch++) {
        if (source.purgeSentBefore(now.minus(config.retention()), PURGE_BATCH) < PURGE_BATCH) {
          break;
        }
      }
      nextHousekeeping = now.plus(HOUSEKEEPING_EVERY);
    }
    return sent;
  }

  /** The lag gauge from the outbox, at most once a second: also while Valkey is away, when it matters. */
  private void measureLag() {
    Instant now = clock.instant();
    if (now.isBefore(nextLag)) {
      return;
    }
    nextLag = now.plus(LAG_EVERY);
    lagMillis.set(source.oldestUnsent().map(oldest -> Math.max(0, now.toEpochMilli() - oldest.toEpochMilli())).orElse(0L));
  }

  /** Every row sent within the retention, in id order, then the marker: the bus holds it all again. */
  private void publishAgain() {
    Instant since = clock.instant().minus(config.retention());
    UUID after = null;
    long count = 0;
    while (true) {
      List<OutboxRow> page = source.sentSince(since, after, config.batchSize());
      if (page.isEmpty()) {
        break;
      }
      bus.publish(page);
      republished.increment(page.size());
      count += page.size();
      after = page.get(page.size() - 1).eventId();
      if (!bus.renewRepublish(REPUBLISH_LEASE)) {
        // Wiped again (what we published is gone too) or our lease lapsed to another relay: the
        // next round starts over, or leaves it to the other.
        return;
      }
    }
    if (!bus.markIntact()) {
      return; // wiped again since the last page: the next round starts over
    }
    log.info("{}: the event stream {} had lost its data; published {} events of the last {} again",
        service, config.stream(), count, config.retention());
  }

  private void loop() {
    Duration pause = config.interval();
    try {
      if (ready.getAsBoolean()) {
        int sent = relayOnce();
        // A full round means more is waiting: go on at once.
        pause = sent >= config.batchSize() * MAX_BATCHES_PER_ROUND ? Duration.ZERO : config.interval();
        if (failures > 0) {
          log.info("{}: relaying events to {} again after {} failed rounds", service, config.stream(), failures);
        }
        failures = 0;
        backoff = config.interval();
        measureLag();
      }
    } catch (RuntimeException e) {
      // One line when it starts failing, then one per 100 rounds: an outage must not flood the log.
      if (failures++ % 100 == 0) {
        log.warn("{}: relaying events to {} failed, retrying with backoff: {}", service, config.stream(), e.toString());
      }
      pause = backoff;
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      try {
        measureLag();
      } catch (RuntimeException databaseAway) {
        // the gauge keeps its last value until the outbox answers
      }
    }
    try {
      thread.schedule(this::loop, pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // closed meanwhile: the loop ends
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    meters.forEach(Telemetry.meters()::remove);
    bus.close();
  }
}
