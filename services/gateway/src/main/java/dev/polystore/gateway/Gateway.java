package dev.polystore.gateway;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.grpc.HandlerConfig;
import dev.polystore.platform.service.ServiceHost;
import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * A running gateway: the services built from an environment, served by Spring gRPC on one port.
 * Configuration is read before Spring starts, so a bad setting fails with one line naming it.
 */
public final class Gateway implements AutoCloseable {
  private final ServiceHost host;
  private final ConfigurableApplicationContext context;
  private final int port;

  private Gateway(ServiceHost host, ConfigurableApplicationContext context, int port) {
    this.host = host;
    this.context = context;
    this.port = port;
  }

  /**
   * Starts a gateway. Stores whose settings are missing from {@code environment} are started
   * locally (devstack); {@code springArgs} are Spring Boot arguments such as
   * {@code --spring.grpc.server.port=0}.
   */
  public static Gateway start(Map<String, String> environment, String... springArgs) {
    Set<String> hosted = Set.copyOf(GatewayModules.selected(new Env(environment)));
    Env env = new Env(LocalStores.complete(environment, hosted));
    ServiceHost host = new ServiceHost(GatewayModules.create(env), HandlerConfig.fromEnv(env));
    try {
      CompletableFuture<Integer> port = new CompletableFuture<>();
      SpringApplication application = new SpringApplication(GatewayApplication.class);
      application.addInitializers(context -> {
        var beans = context.getBeanFactory();
        beans.registerSingleton("grpcHealth", host.platform().health().grpcService());
        // Each service's calls move to its own handler pool inside the platform's interceptors.
        beans.registerSingleton("grpcDirectExecutor", directExecutor());
        List<BindableService> services = host.services();
        for (int i = 0; i < services.size(); i++) {
          beans.registerSingleton("grpc-" + host.modules().get(i).name(), services.get(i));
        }
      });
      application.addListeners(event -> {
        if (event instanceof GrpcServerStartedEvent started) {
          port.complete(started.getPort());
        }
      });
      ConfigurableApplicationContext context = application.run(springArgs);
      host.start();
      return new Gateway(host, context, port.get(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      host.close();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      host.close();
      throw e instanceof RuntimeException re ? re : new IllegalStateException("gRPC server did not start", e);
    }
  }

  private static <T extends ServerBuilder<T>> ServerBuilderCustomizer<T> directExecutor() {
    return ServerBuilder::directExecutor;
  }

  public int port() {
    return port;
  }

  public ServiceHost host() {
    return host;
  }

  /** Blocks until the application context is closed (by a signal or {@link #close()}). */
  public void awaitShutdown() throws InterruptedException {
    while (context.isActive()) {
      Thread.sleep(500);
    }
  }

  @Override
  public void close() {
    // Spring stops the gRPC server gracefully first; then the stores' connections go.
    context.close();
    host.close();
  }
}
