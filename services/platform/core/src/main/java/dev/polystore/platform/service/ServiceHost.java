package dev.polystore.platform.service;

import dev.polystore.platform.auth.Authentication;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.events.OutboxRelay;
import dev.polystore.platform.grpc.GrpcPlatform;
import dev.polystore.platform.grpc.HandlerConfig;
import dev.polystore.platform.health.StoreSupervisor;
import dev.polystore.platform.telemetry.Telemetry;
import io.grpc.BindableService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a set of service modules in one process: one {@link StoreSupervisor} each (migrations, then
 * health from the store), and their gRPC implementations wrapped in the platform's interceptors.
 * It does not listen on a port; {@link dev.polystore.platform.grpc.GrpcServer} or Spring gRPC does.
 */
public final class ServiceHost implements AutoCloseable {
  private final List<ServiceModule> modules;
  private final GrpcPlatform platform;
  private final List<StoreSupervisor> supervisors = new ArrayList<>();
  private final List<PendingRelay> relays = new ArrayList<>();
  /** Removed on close, so that a host started later in the same process reports its own state. */
  private final List<Meter> meters = new ArrayList<>();

  public ServiceHost(List<ServiceModule> modules, HandlerConfig handlers, Authentication authentication) {
    this.modules = List.copyOf(modules);
    List<OutageClassifier> outages = new ArrayList<>();
    modules.forEach(module -> outages.addAll(module.outages()));
    this.platform = new GrpcPlatform(outages, handlers, authentication);
    for (ServiceModule module : modules) {
      StoreSupervisor supervisor = new StoreSupervisor(module.grpcServiceName(), module.store(), platform.health(),
          StoreSupervisor.Timing.DEFAULT);
      supervisors.add(supervisor);
      module.relay().ifPresent(relay -> relays.add(new PendingRelay(relay, supervisor)));
      String service = module.grpcServiceName();
      // What grpc.health.v1 says, and whether the migrations are in: an operator's first two questions.
      meters.add(Gauge.builder("polystore.service.serving", platform.health(), health -> health.isServing(service) ? 1 : 0)
          .description("1 while the service is SERVING on grpc.health.v1, else 0")
          .tag("rpc.service", service).register(Telemetry.meters()));
      meters.add(Gauge.builder("polystore.migrations.applied", supervisor, applied -> applied.isMigrated() ? 1 : 0)
          .description("1 once the service's store migrations have been applied, else 0")
          .tag("rpc.service", service).register(Telemetry.meters()));
    }
  }

  /**
   * Starts migrating every store in the background; each service turns SERVING when ready. Its
   * background tasks start now and work while it is SERVING.
   */
  public ServiceHost start() {
    supervisors.forEach(StoreSupervisor::start);
    // Relaying waits for the migrations (the outbox table); closing the module closes its relay.
    relays.forEach(pending -> pending.relay().start(pending.supervisor()::isMigrated));
    for (ServiceModule module : modules) {
      String service = module.grpcServiceName();
      module.backgroundTasks().forEach(task -> task.start(() -> platform.health().isServing(service)));
    }
    return this;
  }

  public GrpcPlatform platform() {
    return platform;
  }

  public List<ServiceModule> modules() {
    return modules;
  }

  /** Every module's gRPC implementation, wrapped in the platform's interceptors. */
  public List<BindableService> services() {
    return modules.stream().map(module -> platform.intercept(module.grpcService())).toList();
  }

  /** The unwrapped services, for a host that wraps them itself (see GrpcServer). */
  public List<BindableService> rawServices() {
    return modules.stream().map(ServiceModule::grpcService).toList();
  }

  private record PendingRelay(OutboxRelay relay, StoreSupervisor supervisor) {}

  @Override
  public void close() {
    // Tasks first: they use the stores closed below.
    modules.forEach(module -> module.backgroundTasks().forEach(BackgroundTask::close));
    meters.forEach(Telemetry.meters()::remove);
    relays.forEach(pending -> pending.relay().close()); // before the stores it reads close
    supervisors.forEach(StoreSupervisor::close);
    platform.close();
    modules.forEach(ServiceModule::close);
  }
}
