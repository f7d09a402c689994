package dev.polystore.platform.health;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The serving status of every service in this process, published on grpc.health.v1 and read by
 * the readiness interceptor. A service is NOT_SERVING until it says otherwise.
 */
public final class ServiceHealth {
  private final HealthStatusManager manager = new HealthStatusManager();
  private final Map<String, Boolean> serving = new ConcurrentHashMap<>();
  private final AtomicBoolean terminal = new AtomicBoolean();

  public ServiceHealth() {
    // The overall ("") status reflects the process only; per-service names carry the real answer.
    manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
  }

  /** Registers a service as NOT_SERVING. */
  public void register(String serviceName) {
    set(serviceName, false);
  }

  public void set(String serviceName, boolean isServing) {
    serving.put(serviceName, isServing);
    manager.setStatus(serviceName, isServing ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  /** True for a serving service, and for a service this registry does not know (health, reflection). */
  public boolean isServing(String serviceName) {
    return serving.getOrDefault(serviceName, true);
  }

  public boolean isRegistered(String serviceName) {
    return serving.containsKey(serviceName);
  }

  public BindableService grpcService() {
    return manager.getHealthService();
  }

  /**
   * On shutdown every service reports NOT_SERVING, so load balancers drain us first. Idempotent:
   * GrpcServer.stop and GrpcPlatform.close both call it, and grpc-java logs a stack trace on a repeat.
   */
  public void enterTerminalState() {
    if (terminal.compareAndSet(false, true)) {
      manager.enterTerminalState();
    }
  }
}
