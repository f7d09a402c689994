package dev.polystore.platform.service;

import dev.polystore.platform.auth.Authentication;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.grpc.GrpcPlatform;
import dev.polystore.platform.grpc.HandlerConfig;
import dev.polystore.platform.health.StoreSupervisor;
import io.grpc.BindableService;
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

  public ServiceHost(List<ServiceModule> modules, HandlerConfig handlers, Authentication authentication) {
    this.modules = List.copyOf(modules);
    List<OutageClassifier> outages = new ArrayList<>();
    modules.forEach(module -> outages.addAll(module.outages()));
    this.platform = new GrpcPlatform(outages, handlers, authentication);
    for (ServiceModule module : modules) {
      supervisors.add(new StoreSupervisor(module.grpcServiceName(), module.store(), platform.health(),
          StoreSupervisor.Timing.DEFAULT));
    }
  }

  /** Starts migrating every store in the background; each service turns SERVING when ready. */
  public ServiceHost start() {
    supervisors.forEach(StoreSupervisor::start);
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

  @Override
  public void close() {
    supervisors.forEach(StoreSupervisor::close);
    platform.close();
    modules.forEach(ServiceModule::close);
  }
}
