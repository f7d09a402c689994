package dev.polystore.contracts;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import dev.polystore.search.v1.SearchServiceGrpc;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.List;
import java.util.stream.Stream;

/** Every polystore service's descriptor, for the tests that hold the contracts to a rule. */
final class Contracts {
  static final List<ServiceDescriptor> SERVICES = Stream.of(
          AccountsServiceGrpc.getServiceDescriptor(), ActivityServiceGrpc.getServiceDescriptor(),
          FilesServiceGrpc.getServiceDescriptor(), MessengerServiceGrpc.getServiceDescriptor(),
          PresenceServiceGrpc.getServiceDescriptor(), SearchServiceGrpc.getServiceDescriptor())
      .map(service -> ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor())
      .toList();

  private Contracts() {}
}
