package dev.polystore.fuzz;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import dev.polystore.search.v1.SearchServiceGrpc;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import java.util.List;
import java.util.stream.Stream;

/** Every service of every contract in proto/, read from the contracts' file descriptors. Add a contract here. */
final class Contracts {
  private Contracts() {}

  static List<ServiceDescriptor> services() {
    return Stream.of(AccountsServiceGrpc.getServiceDescriptor(), ActivityServiceGrpc.getServiceDescriptor(),
            FilesServiceGrpc.getServiceDescriptor(), MessengerServiceGrpc.getServiceDescriptor(),
            PresenceServiceGrpc.getServiceDescriptor(), SearchServiceGrpc.getServiceDescriptor())
        .map(grpc -> ((ProtoFileDescriptorSupplier) grpc.getSchemaDescriptor()).getFileDescriptor())
        .distinct()
        .flatMap(file -> file.getServices().stream())
        .toList();
  }
}
