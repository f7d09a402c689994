package dev.polystore.gateway;

import dev.polystore.platform.auth.AuthSettings;
import dev.polystore.platform.auth.Authentication;
import dev.polystore.platform.auth.Authenticator;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.grpc.HandlerConfig;
import dev.polystore.platform.netty.EventLoops;
import dev.polystore.platform.service.ServiceHost;
import dev.polystore.platform.service.ServiceModule;
import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * A running gateway: the services built from an environment, served by Spring gRPC on one port.
 * Configuration is read before Spring starts, so a bad setting fails with one line naming it.
 */
public final class Gateway implements AutoCloseable {
  /** How long in-flight calls may run on after a stop, in seconds (spring.grpc.server.shutdown-grace-period). */
  public static final String GRACE_SECONDS = "GRPC_SHUTDOWN_GRACE_SECONDS";
  /** The management HTTP port: Prometheus metrics at /actuator/prometheus, never on the gRPC port. */
  public static final String MANAGEMENT_PORT = "POLYSTORE_MANAGEMENT_PORT";

  /**
   * Held by a starting gateway from its run until Spring Boot has configured logging (the
   * application is prepared): that configures the process's one Logback context, which two
   * applications starting at once in one JVM (tests, the benchmark) corrupt, a
   * ConcurrentModificationException in LoggerContext.putProperty seen in CI. The rest of the start
   * (the servers, migrations) still runs concurrently; one gateway per process never waits.
   */
  private static final ReentrantLock LOGGING_SETUP = new ReentrantLock();

  /** {@code json}: one JSON object per log line (Logstash's field names), the access log's fields included. */
  public static final String LOG_FORMAT = "LOG_FORMAT";

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final ServiceHost host;
  /** Verifies API keys with a remote accounts service; empty when accounts is hosted here or none is set. */
  private final Optional<RemoteKeyVerifier> remoteKeys;
  private final ConfigurableApplicationContext context;
  private final int port;
  private final int managementPort;
  private boolean closed;

  private Gateway(ServiceHost host, Optional<RemoteKeyVerifier> remoteKeys, ConfigurableApplicationContext context,
      int port, int managementPort) {
    this.remoteKeys = remoteKeys;
    this.host = host;
    this.context = context;
    this.port = port;
    this.managementPort = managementPort;
  }

  /**
   * Starts a gateway on the stores {@code environment} names; every hosted service's store settings
   * are required (local mode fills them in before, see polystore-local). {@code springArgs} are
   * Spring Boot arguments such as {@code --spring.grpc.server.port=0}.
   */
  public static Gateway start(Map<String, String> environment, String... springArgs) {
    return start(environment, true, null, springArgs);
  }

  /**
   * A gateway that records what {@code telemetry} says instead of what the environment says, for
   * the tests that read spans and the benchmark that measures what telemetry costs.
   */
  public static Gateway start(Map<String, String> environment, GatewayTelemetry.Options telemetry, String... springArgs) {
    return start(environment, true, telemetry, springArgs);
  }

  /**
   * A gateway that authenticates no call, for the benchmark that measures what authentication
   * costs. Nothing in configuration can ask for this.
   */
  public static Gateway startWithoutAuthentication(Map<String, String> environment, String... springArgs) {
    return start(environment, false, null, springArgs);
  }

  private static Gateway start(Map<String, String> environment, boolean authenticate,
      GatewayTelemetry.Options telemetry, String... springArgs) {
    Env env = new Env(environment);
    int graceSeconds = env.integer(GRACE_SECONDS, 10, 0, 3600);
    int managementPort = env.integer(MANAGEMENT_PORT, 8081, 0, 65535);
    boolean jsonLogs = "json".equals(env.optional(LOG_FORMAT).orElse("text"));
    GatewayTelemetry.apply(telemetry != null ? telemetry : GatewayTelemetry.Options.fromEnv(env));
    Transport transport = Transport.fromEnv(env);
    List<ServiceModule> modules = GatewayModules.create(env);
    Authentication authentication;
    Optional<RemoteKeyVerifier> remoteKeys = Optional.empty();
    try {
      remoteKeys = hostsAccounts(modules) ? Optional.empty() : AccountsEndpoint.fromEnv(env);
      authentication = authenticate
          ? Authentication.required(AuthSettings.fromEnv(env, apiKeyVerifier(modules, remoteKeys)))
          : Authentication.off();
    } catch (RuntimeException e) {
      remoteKeys.ifPresent(RemoteKeyVerifier::close);
      modules.forEach(ServiceModule::close);
      throw e;
    }
    if (!transport.tls() && !Mode.LOCAL.equals(environment.get(Mode.VARIABLE))) {
      log.warn("serving plaintext gRPC: credentials cross the network unencrypted; set {} and {}",
          Transport.CERT, Transport.KEY);
    }
    ServiceHost host = new ServiceHost(modules, HandlerConfig.fromEnv(env), authentication);
    Optional<RemoteKeyVerifier> keys = remoteKeys;
    try {
      CompletableFuture<Integer> port = new CompletableFuture<>();
      CompletableFuture<Integer> management = new CompletableFuture<>();
      SpringApplication application = new SpringApplication(GatewayApplication.class);
      // close() stops in order (health first); Spring's own hook would race it.
      application.setRegisterShutdownHook(false);
      // Default properties: an explicit --spring.grpc.server.shutdown-grace-period still wins.
      Map<String, Object> defaults = new HashMap<>(transport.properties());
      defaults.put("spring.grpc.server.shutdown-grace-period", graceSeconds + "s");
      // The servlet server exists for the actuator alone: it is the management port.
      defaults.put("server.port", managementPort);
      if (jsonLogs) {
        defaults.put("logging.structured.format.console", "logstash");
      }
      application.setDefaultProperties(defaults);
      application.addInitializers(context -> {
        var beans = context.getBeanFactory();
        beans.registerSingleton("grpcHealth", host.platform().health().grpcService());
        // Applied by the actuator to the Prometheus registry it makes.
        beans.registerSingleton("latencyHistograms", new LatencyHistograms());
        // Each service's calls move to its own handler pool inside the platform's interceptors.
        beans.registerSingleton("grpcDirectExecutor", directExecutor());
        // On the loops the store clients share: a non-blocking call can stay on one thread.
        beans.registerSingleton("grpcSharedEventLoops", (ServerBuilderCustomizer<NettyServerBuilder>) EventLoops::serveOn);
        List<BindableService> services = host.services();
        for (int i = 0; i < services.size(); i++) {
          beans.registerSingleton("grpc-" + host.modules().get(i).name(), services.get(i));
        }
      });
      application.addListeners(event -> {
        if (event instanceof ApplicationPreparedEvent) {
          // Spring Boot has configured logging by now, and nothing is served yet.
          AsyncAccessLog.install();
          releaseLoggingSetup();
        } else if (event instanceof GrpcServerStartedEvent started) {
          port.complete(started.getPort());
        } else if (event instanceof WebServerInitializedEvent web) {
          management.complete(web.getWebServer().getPort());
        }
      });
      ConfigurableApplicationContext context;
      LOGGING_SETUP.lock();
      try {
        context = application.run(springArgs);
      } finally {
        releaseLoggingSetup(); // when the run failed before it was prepared
      }
      host.start();
      return new Gateway(host, keys, context, port.get(30, TimeUnit.SECONDS), management.get(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      host.close();
      keys.ifPresent(RemoteKeyVerifier::close);
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      host.close();
      keys.ifPresent(RemoteKeyVerifier::close);
      throw e instanceof RuntimeException re ? re : new IllegalStateException("gRPC server did not start", e);
    }
  }

  private static void releaseLoggingSetup() {
    if (LOGGING_SETUP.isHeldByCurrentThread()) {
      LOGGING_SETUP.unlock();
    }
  }

  /**
   * The accounts service's key verifier when this process hosts it. Without it workspace API keys
   * are refused (UNAUTHENTICATED) and only service and admin credentials work: said at start-up.
   */
  private static Optional<Authenticator> apiKeyVerifier(List<ServiceModule> modules,
      Optional<RemoteKeyVerifier> remote) {
    Optional<Authenticator> verifier = modules.stream().map(ServiceModule::apiKeyVerifier)
        .flatMap(Optional::stream).findFirst();
    if (verifier.isEmpty() && remote.isPresent()) {
      return Optional.of(remote.get());
    }
    if (verifier.isEmpty()) {
      log.warn("the accounts service is not hosted here and {} is not set: workspace API keys (psk_...) "
          + "are refused; service tokens, client certificates and the admin token work", AccountsEndpoint.TARGET);
    }
    return verifier;
  }

  private static boolean hostsAccounts(List<ServiceModule> modules) {
    return modules.stream().anyMatch(module -> module.apiKeyVerifier().isPresent());
  }

  private static <T extends ServerBuilder<T>> ServerBuilderCustomizer<T> directExecutor() {
    return ServerBuilder::directExecutor;
  }

  public int port() {
    return port;
  }

  /** Where /actuator/prometheus (and the actuator's health and info) answer. */
  public int managementPort() {
    return managementPort;
  }

  public ServiceHost host() {
    return host;
  }

  /**
   * Stops gracefully: every service reports NOT_SERVING first (load balancers drain us), then
   * Spring gRPC refuses new calls (UNAVAILABLE) and lets in-flight ones finish within the grace
   * period, then the stores' connections go. Idempotent; a second caller waits for the first.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("stopping: every service NOT_SERVING, calls in flight have up to {} to finish",
        context.getEnvironment().getProperty("spring.grpc.server.shutdown-grace-period"));
    host.platform().health().enterTerminalState();
    context.close();
    host.close();
    remoteKeys.ifPresent(RemoteKeyVerifier::close);
    AsyncAccessLog.drain(Duration.ofSeconds(1));
  }
}
