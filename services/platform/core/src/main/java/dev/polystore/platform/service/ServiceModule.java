package dev.polystore.platform.service;

import dev.polystore.platform.auth.Authenticator;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.events.OutboxRelay;
import dev.polystore.platform.health.ManagedStore;
import io.grpc.BindableService;
import java.util.List;
import java.util.Optional;

/**
 * One polystore service as a host (the gateway, a standalone server, a test) runs it: its gRPC
 * implementation, the store it owns, and how that store's outages look.
 */
public interface ServiceModule extends AutoCloseable {
  /** Short name, as in DESIGN.md: "accounts". */
  String name();

  /** The gRPC implementation; the host wraps it in the platform's interceptors. */
  BindableService grpcService();

  /** Full gRPC service name, as reported on grpc.health.v1: "polystore.accounts.v1.AccountsService". */
  default String grpcServiceName() {
    return grpcService().bindService().getServiceDescriptor().getName();
  }

  /** The store this service owns, migrated and probed by the host. */
  ManagedStore store();

  /** Failures of this store that mean it cannot be reached (UNAVAILABLE). */
  List<OutageClassifier> outages();

  /**
   * Verifies workspace API keys ("psk_..."), for the one service that issues them; the host's
   * auth interceptor uses it (cached) for every service of the process.
   */
  default Optional<Authenticator> apiKeyVerifier() {
    return Optional.empty();
  }

  /**
   * The relay that publishes this service's outbox to its event stream, for a service that produces
   * events and was given an event bus; the host starts it once the store is migrated.
   */
  default Optional<OutboxRelay> relay() {
    return Optional.empty();
  }

  /** Work the service does beside answering calls (event consumers); the host runs it with the service. */
  default List<BackgroundTask> backgroundTasks() {
    return List.of();
  }

  /** Releases the store's connections. */
  @Override
  void close();
}
