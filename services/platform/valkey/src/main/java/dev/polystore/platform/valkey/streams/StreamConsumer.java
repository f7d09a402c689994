package dev.polystore.platform.valkey.streams;

import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.service.BackgroundTask;
import dev.polystore.platform.valkey.ValkeyBinaryConnection;
import dev.polystore.platform.valkey.ValkeyOutages;
import dev.polystore.platform.valkey.ValkeyStore;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a consumer group on one stream, at least once, on a thread and a connection of
 * its own (a blocking XREADGROUP would hold up a shared connection; in cluster mode each stream
 * lives in its own slot, so one stream per read).
 *
 * <p>The loop: create the group if needed (from the stream's start, MKSTREAM; again after a
 * FLUSHALL took it away, so entries published anew are read); every half claim idle time, move
 * entries delivered {@link StreamConsumerConfig#maxAttempts()} times to the dead-letter stream and
 * claim the other idle ones (XAUTOCLAIM: dead consumers' entries and our own failed ones); then
 * XREADGROUP new entries, hand each to the handler and XACK it after the handler returned. A
 * Valkey outage backs off and is recovered from by itself; the handler's own store being away is
 * retried in place, so it never counts as an attempt.
 */
public final class StreamConsumer implements BackgroundTask {
  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** How often a consumer whose service is not SERVING looks again. */
  private static final Duration NOT_SERVING_PAUSE = Duration.ofMillis(200);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final ValkeyStore store;
  private final String stream;
  private final String group;
  private final Consumer<String> consumer;
  private final StreamHandler handler;
  private final List<OutageClassifier> handlerOutages;
  private final StreamConsumerConfig config;
  private final Duration block;
  private final StreamMetrics metrics;
  private final DeadLetters deadLetters;
  private final ValkeyOutages valkeyOutages = new ValkeyOutages();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Thread thread;

  // Confined to the consumer's thread.
  private ValkeyBinaryConnection connection;
  private boolean groupReady;
  private long lastClaimNanos;

  /**
   * @param consumerName this consumer's name in the group: unique per process (see {@link ConsumerNames})
   * @param handlerOutages what tells that the handler's own store is away
   */
  public StreamConsumer(ValkeyStore store, String stream, String group, String consumerName, StreamHandler handler,
      List<OutageClassifier> handlerOutages, StreamConsumerConfig config) {
    this.store = store;
    this.stream = stream;
    this.group = group;
    this.consumer = Consumer.from(group, consumerName);
    this.handler = handler;
    this.handlerOutages = List.copyOf(handlerOutages);
    this.config = config;
    // A read that blocks past the command timeout would fail as a timeout.
    Duration half = store.config().commandTimeout().dividedBy(2);
    this.block = config.block().compareTo(half) < 0 ? config.block() : half;
    this.metrics = new StreamMetrics(stream, group);
    this.deadLetters = new DeadLetters(stream, group, metrics);
  }

  /** Where entries of {@code stream} that failed every attempt of {@code group} go. */
  public static String deadLetterStream(String stream, String group) {
    return stream + ":dead:" + group;
  }

  @Override
  public synchronized void start(BooleanSupplier serving) {
    if (thread != null) {
      return;
    }
    running = true;
    lastClaimNanos = System.nanoTime();
    Thread started = new Thread(() -> run(serving), "events-" + group + "-" + stream);
    started.setDaemon(true);
    thread = started;
    started.start();
  }

  /**
   * Asks the consumer to stop and returns at once: it handles no further entry, and an entry
   * whose handler fails from now on is left pending for another consumer.
   */
  public void stop() {
    running = false;
    stopping.countDown();
  }

  /**
   * Stops and waits for the thread to end. No interrupt: a handler may be writing to a store that
   * an interrupt would break (Lucene closes its files on one); a blocked read ends within the block time.
   */
  @Override
  public void close() {
    stop();
    Thread worker = thread;
    if (worker == null) {
      return;
    }
    try {
      worker.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      log.warn("{} ({}): consumer still busy after {} s; leaving it", stream, group, STOP_WAIT.toSeconds());
    }
  }

  private void run(BooleanSupplier serving) {
    Duration backoff = FIRST_BACKOFF;
    try {
      while (running) {
        try {
          if (!serving.getAsBoolean()) {
            pause(NOT_SERVING_PAUSE);
            continue;
          }
          step();
          backoff = FIRST_BACKOFF;
        } catch (RuntimeException e) {
          if (!running) {
            break;
          }
          if (isGroupGone(e)) {
            // FLUSHALL, or the stream was deleted: make the group again and read from the start.
            log.info("{} ({}): consumer group gone ({}); creating it again", stream, group, e.getMessage());
            groupReady = false;
            continue;
          }
          if (valkeyOutages.isOutage(e) || isServiceUnavailable(e)) {
            log.warn("{} ({}): Valkey unavailable ({}); retrying in {} ms", stream, group, e.getMessage(),
                backoff.toMillis());
          } else {
            log.error("{} ({}): reading the stream failed; retrying in {} ms", stream, group, backoff.toMillis(), e);
          }
          pause(backoff);
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
      }
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
  }

  private void step() {
    if (connection == null) {
      store.migrate(); // connects, or throws while Valkey is away
      connection = store.connectBinary();
    }
    if (!groupReady) {
      createGroup();
      groupReady = true;
    }
    if (System.nanoTime() - lastClaimNanos >= config.claimIdle().toNanos() / 2) {
      reclaim();
      lastClaimNanos = System.nanoTime();
    }
    handleAll(commands().xreadgroup(consumer, XReadArgs.Builder.block(block).count(config.batchSize()),
        XReadArgs.StreamOffset.lastConsumed(stream)));
  }

  private void createGroup() {
    try {
      commands().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), group, XGroupCreateArgs.Builder.mkstream());
      log.info("{}: created consumer group {}", stream, group);
    } catch (RedisException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  /** Dead-letters what failed every attempt, then claims and handles what else has idled too long. */
  private void reclaim() {
    List<PendingMessage> idle = commands().xpending(stream, new XPendingArgs<String>().group(group)
        .range(Range.unbounded()).limit(Limit.from(config.batchSize())).idle(config.claimIdle()));
    for (PendingMessage pending : idle) {
      if (pending.getRedeliveryCount() >= config.maxAttempts()) {
        deadLetters.move(commands(), pending.getId(), pending.getRedeliveryCount());
      }
    }
    handleAll(commands().xautoclaim(stream, new XAutoClaimArgs<String>().consumer(consumer)
        .minIdleTime(config.claimIdle()).startId("0-0").count(config.batchSize())).getMessages());
  }

  /** The batch at once; when that fails (not an outage), entry by entry, so a poison entry fails alone. */
  private void handleAll(List<StreamMessage<String, byte[]>> messages) {
    List<StreamEntry> entries = new ArrayList<>();
    for (StreamMessage<String, byte[]> message : messages) {
      if (message.getBody() == null || message.getBody().isEmpty()) {
        commands().xack(stream, group, message.getId()); // trimmed away before it was handled
      } else {
        entries.add(new StreamEntry(stream, message.getId(), message.getBody()));
      }
    }
    if (handler instanceof BatchHandler && entries.size() > 1 && handle(entries, true)) {
      return;
    }
    for (StreamEntry entry : entries) {
      if (!running) {
        return;
      }
      handle(List.of(entry), false);
    }
  }

  /**
   * Hands {@code entries} to the handler and acknowledges them once it returned; true then. A
   * failure of the handler's store is retried in place; any other leaves them pending.
   */
  private boolean handle(List<StreamEntry> entries, boolean batch) {
    Duration backoff = FIRST_BACKOFF;
    while (running) {
      try {
        if (batch) {
          ((BatchHandler) handler).handleAll(entries);
        } else {
          handler.handle(entries.get(0));
        }
      } catch (Exception e) {
        if (!running) {
          return false; // stopping: left pending, for another consumer to claim
        }
        if (isHandlerOutage(e)) {
          log.warn("{} ({}): entry {} waits for its store ({}); retrying in {} ms", stream, group, entries.get(0).id(),
              e.getMessage(), backoff.toMillis());
          pause(backoff);
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
          continue;
        }
        if (batch) {
          return false; // each on its own next
        }
        metrics.failed();
        log.warn("{} ({}): entry {} failed ({}); left pending, tried again after {} ms, at most {} deliveries",
            stream, group, entries.get(0).id(), e.toString(), config.claimIdle().toMillis(), config.maxAttempts());
        return false;
      }
      commands().xack(stream, group, entries.stream().map(StreamEntry::id).toArray(String[]::new));
      Instant now = Instant.now();
      entries.forEach(entry -> metrics.handled(Duration.between(entry.appended(), now)));
      return true;
    }
    return false;
  }

  private boolean isHandlerOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Throwable current = cause;
      if (isServiceUnavailable(current) || handlerOutages.stream().anyMatch(o -> o.isOutage(current))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isServiceUnavailable(Throwable failure) {
    return failure instanceof ServiceException service
        && (service.reason() == ServiceException.Reason.UNAVAILABLE
            || service.reason() == ServiceException.Reason.RESOURCE_EXHAUSTED);
  }

  /** NOGROUP on a read or claim; UNBLOCKED when the key went away under a blocked read. */
  private static boolean isGroupGone(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return e instanceof RedisCommandExecutionException
        && (message.startsWith("NOGROUP") || message.startsWith("UNBLOCKED"));
  }

  private RedisClusterCommands<String, byte[]> commands() {
    return connection.sync();
  }

  private void pause(Duration duration) {
    try {
      stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    }
  }
}
