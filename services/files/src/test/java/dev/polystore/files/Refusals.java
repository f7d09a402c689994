package dev.polystore.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.polystore.files.v1.FilesServiceGrpc.FilesServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Requests that break one rule, each one test: INVALID_ARGUMENT whose google.rpc.BadRequest names
 * the field, and neither a row nor an object changed.
 */
final class Refusals {
  /** One request, wrong in {@code field} only. */
  record Case(String name, String field, Consumer<FilesServiceBlockingStub> call) {}

  private final FilesServer server;

  Refusals(FilesServer server) {
    this.server = server;
  }

  static Case bad(String name, String field, Consumer<FilesServiceBlockingStub> call) {
    return new Case(name, field, call);
  }

  Stream<DynamicTest> of(Case... cases) {
    return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Map<String, String> before = server.contents();

      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> c.call().accept(server.files()));

      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), () -> "got " + e.getStatus());
      List<String> fields = fields(e);
      assertTrue(fields.contains(c.field()), () -> "BadRequest names " + fields + ", not " + c.field());
      assertEquals(before, server.contents());
    }));
  }

  private static List<String> fields(StatusRuntimeException e) throws InvalidProtocolBufferException {
    List<String> fields = new ArrayList<>();
    for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
      }
    }
    return fields;
  }
}
