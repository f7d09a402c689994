package dev.polystore.platform.valkey;

import dev.polystore.platform.events.EventBus;
import dev.polystore.platform.events.OutboxRow;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.resource.ClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service's event stream on Valkey ({@code events:{<service>}}), as its outbox relay writes it.
 * Each entry has the fields {@code id} (the event id), {@code type} and {@code data} (the
 * polystore.events.v1.Event bytes, binary: read them with a byte-array codec). Entries get
 * Valkey's own ids (time-based), so the stream is trimmed by length on every XADD (MAXLEN ~) and
 * by age (XTRIM MINID ~) when the relay asks. The marker {@code events:{<service>}:marker} shares
 * the stream's hash tag (one slot in cluster mode, every command touches one key): "intact" once
 * everything within the retention is on the stream; FLUSHALL or a new cache removes it.
 *
 * <p>Connects on first use and then reconnects by itself (Lettuce); while Valkey is away every
 * call throws and the relay backs off.
 */
public final class ValkeyEventStream implements EventBus {
  private static final String INTACT = "intact";

  private final ValkeyConfig config;
  private final String stream;
  private final String marker;
  private final long maxLength;
  private final Clock clock;
  /** Ours while we publish again after a wipe: another relay's lease has another value. */
  private final String republishToken = "republishing:" + UUID.randomUUID();
  private ClientResources resources;
  private AbstractRedisClient client;
  private volatile ValkeyClientFactory.BinaryConnection connection;

  public ValkeyEventStream(ValkeyConfig config, String stream, long maxLength, Clock clock) {
    this.config = config;
    this.stream = stream;
    this.marker = stream + ":marker";
    this.maxLength = maxLength;
    this.clock = clock;
  }

  /** The stream of {@code bus}'s service, on the system clock. */
  public static ValkeyEventStream of(EventBusConfig bus) {
    return new ValkeyEventStream(bus.valkey(), bus.events().stream(), bus.events().maxLength(), Clock.systemUTC());
  }

  @Override
  public void publish(List<OutboxRow> rows) {
    ValkeyClientFactory.BinaryConnection connected = connected();
    XAddArgs trimmed = XAddArgs.Builder.maxlen(maxLength).approximateTrimming();
    // Pipelined on one connection (Valkey appends them in this order) and written in one go: with
    // a flush per command each XADD was a write, and a wake-up of Lettuce's event loop, of its own
    // (docs/benchmarks.md, session 20). The connection is this stream's alone, used by the relay's
    // one thread, so holding its flushes delays no one else's command.
    List<RedisFuture<String>> added = new ArrayList<>(rows.size());
    connected.connection().setAutoFlushCommands(false);
    try {
      for (OutboxRow row : rows) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("id", text(row.eventId().toString()));
        fields.put("type", text(row.type()));
        fields.put("data", row.payload());
        added.add(connected.commands().xadd(stream, trimmed, fields));
      }
    } finally {
      // Flushing last: should it throw, the connection still flushes every later command itself.
      connected.connection().setAutoFlushCommands(true);
      connected.connection().flushCommands();
    }
    added.forEach(this::await);
  }

  @Override
  public void trim(Duration retention) {
    long oldest = clock.millis() - retention.toMillis();
    await(connected().commands().xtrim(stream, XTrimArgs.Builder.minId(Long.toString(oldest)).approximateTrimming()));
  }

  @Override
  public boolean intact() {
    byte[] value = await(connected().commands().get(marker));
    return value != null && INTACT.equals(new String(value, StandardCharsets.UTF_8));
  }

  @Override
  public boolean claimRepublish(Duration lease) {
    String set = await(connected().commands().set(marker, text(republishToken), SetArgs.Builder.nx().px(lease.toMillis())));
    return "OK".equals(set);
  }

  @Override
  public boolean renewRepublish(Duration lease) {
    // Two commands, not one script: should the lease lapse in between, at worst two relays publish
    // the same rows again, which consumers absorb (idempotent by event id).
    var commands = connected().commands();
    byte[] holder = await(commands.get(marker));
    return holder != null && republishToken.equals(new String(holder, StandardCharsets.UTF_8))
        && Boolean.TRUE.equals(await(commands.pexpire(marker, lease.toMillis())));
  }

  @Override
  public boolean markIntact() {
    // XX: only over our lease. A wipe since the last renewal removed it, and the next round starts over.
    return "OK".equals(await(connected().commands().set(marker, text(INTACT), SetArgs.Builder.xx())));
  }

  private synchronized ValkeyClientFactory.BinaryConnection connected() {
    if (connection == null) {
      if (client == null) {
        resources = ValkeyClientFactory.resources();
        client = ValkeyClientFactory.client(config, resources);
      }
      connection = ValkeyClientFactory.connectBinary(client); // throws while Valkey is away
    }
    return connection;
  }

  private <T> T await(RedisFuture<T> future) {
    try {
      // The command timeout is enforced by the client; this bound only guards against a lost reply.
      return future.get(config.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from Valkey for " + stream, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.connection().close();
      connection = null;
    }
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      client = null;
    }
  }
}
