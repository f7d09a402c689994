package dev.polystore.bench;

import dev.polystore.devstack.Devstack;
import dev.polystore.gateway.Gateway;
import dev.polystore.platform.auth.AuthSettings;
import dev.polystore.platform.auth.TokenDigest;
import dev.polystore.platform.grpc.AuthInterceptor;
import dev.polystore.platform.grpc.HandlerConfig;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The gateway started in-process hosting one service (POLYSTORE_SERVICES) on a free port, and a
 * plaintext loopback channel to it. {@link #start} returns once the service's health is SERVING:
 * its migrations ran and its stores answer, so the first measured call is a real one. The channel
 * is a {@link LoopbackChannels} one, on an event loop of its own.
 */
public final class BenchGateway implements AutoCloseable {
  /** Migrations on a freshly started Cassandra take a while on a busy machine. */
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Gateway gateway;
  private final ManagedChannel channel;
  private final HealthCheckRequest hostedService;

  private BenchGateway(Gateway gateway, ManagedChannel channel) {
    this.gateway = gateway;
    this.channel = channel;
    this.hostedService = HealthCheckRequest.newBuilder()
        .setService(gateway.host().modules().get(0).grpcServiceName()).build();
  }

  /** A token made for this run; the gateway knows only its digest, as in production. */
  private static final String TOKEN = "bench-" + UUID.randomUUID();

  /**
   * Hosts {@code service} with the store and service settings in {@code settings}; every call is
   * authenticated, as in production (the channel sends a service token holding every scope).
   */
  public static BenchGateway start(String service, Map<String, String> settings) throws InterruptedException {
    return start(service, settings, true);
  }

  /** As {@link #start(String, Map)}; {@code authenticated} false measures the gateway without auth. */
  public static BenchGateway start(String service, Map<String, String> settings, boolean authenticated)
      throws InterruptedException {
    return start(service, settings, authenticated, new String[0]);
  }

  /** As {@link #start(String, Map, boolean)}, with more Spring arguments (a logger's level, say). */
  public static BenchGateway start(String service, Map<String, String> settings, boolean authenticated,
      String... springArgs) throws InterruptedException {
    // The gateway then needs the settings of this service's stores only.
    Map<String, String> env = new HashMap<>(settings);
    env.put("POLYSTORE_SERVICES", service);
    // The event bus: every service publishes or consumes events there (issue #22).
    env.putIfAbsent("VALKEY_URL", Devstack.valkey().url());
    // The bench's environment may set the gateway's tuning otherwise, as an operator would.
    for (String tuning : List.of(HandlerConfig.THREADS, HandlerConfig.MAX_QUEUED)) {
      Optional.ofNullable(System.getenv(tuning)).ifPresent(value -> env.put(tuning, value));
    }
    env.put(AuthSettings.SERVICE_TOKENS, "bench " + TokenDigest.of(TOKEN) + " *");
    List<String> argList = new java.util.ArrayList<>(List.of("--spring.grpc.server.port=0", "--server.port=0", "--logging.level.root=WARN"));
    argList.addAll(List.of(springArgs));
    String[] args = argList.toArray(String[]::new);
    Gateway gateway = authenticated ? Gateway.start(env, args) : Gateway.startWithoutAuthentication(env, args);
    ManagedChannel channel = channel(gateway.port(), TOKEN);
    BenchGateway started = new BenchGateway(gateway, channel);
    try {
      started.awaitServing();
      return started;
    } catch (InterruptedException | RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /**
   * The handler threads for a service whose store is PostgreSQL on this same machine: one per core.
   * Each of its calls is CPU on these cores (the gateway's and the database's), so more threads
   * only queue for the cores and switch among each other (docs/benchmarks.md).
   */
  public static Map.Entry<String, String> handlerThreadPerCore() {
    return Map.entry(HandlerConfig.THREADS, Integer.toString(Runtime.getRuntime().availableProcessors()));
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** A new channel to this gateway sending {@code secret} as its credential; the caller closes it. */
  public ManagedChannel channel(String secret) {
    return channel(gateway.port(), secret);
  }

  private static ManagedChannel channel(int port, String secret) {
    Metadata headers = new Metadata();
    headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + secret);
    return LoopbackChannels.to(port, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** The cheapest call this gateway answers ({@link HealthNoOp}), through the same server and channel as the measured ones. */
  public Measurement noOp(LoadRunner runner, int clients) throws InterruptedException {
    return HealthNoOp.measure(runner, "Health.Check-gateway", clients, channel, hostedService.getService());
  }

  /** {@link #noOp} at each client count. */
  public Map<Integer, Measurement> noOps(LoadRunner runner, List<Integer> clientCounts) throws InterruptedException {
    Map<Integer, Measurement> byClients = new HashMap<>();
    for (int clients : clientCounts) {
      byClients.put(clients, noOp(runner, clients));
    }
    return byClients;
  }

  private void awaitServing() throws InterruptedException {
    var health = HealthGrpc.newBlockingStub(channel);
    long end = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (health.withDeadlineAfter(2, TimeUnit.SECONDS).check(hostedService).getStatus() == ServingStatus.SERVING) {
          return;
        }
      } catch (RuntimeException e) {
        // Not up yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(hostedService.getService() + " did not turn SERVING within " + STARTUP.toSeconds() + " s");
  }

  @Override
  public void close() {
    channel.shutdownNow();
    gateway.close();
  }
}
