package dev.polystore.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Requests that break a rule, one test each: the call fails with INVALID_ARGUMENT whose
 * google.rpc.BadRequest names the field, and the keyspace holds exactly what it held before.
 */
final class RefusedRequests<S> {
  /** One request, wrong in {@code field} only. */
  record Case<S>(String name, String field, Consumer<S> call) {}

  private final Supplier<S> stub;
  private final Supplier<Map<String, String>> contents;

  RefusedRequests(Supplier<S> stub, Supplier<Map<String, String>> contents) {
    this.stub = stub;
    this.contents = contents;
  }

  static <S> Case<S> bad(String name, String field, Consumer<S> call) {
    return new Case<>(name, field, call);
  }

  @SafeVarargs
  final Stream<DynamicTest> of(Case<S>... cases) {
    return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Map<String, String> before = contents.get();

      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> c.call().accept(stub.get()));

      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), () -> "got " + e.getStatus());
      List<String> fields = violatedFields(e);
      assertTrue(fields.contains(c.field()), () -> "BadRequest names " + fields + ", not " + c.field());
      assertEquals(before, contents.get());
    }));
  }

  private static List<String> violatedFields(StatusRuntimeException e) throws InvalidProtocolBufferException {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertNotNull(status, "the status carries no details");
    List<String> fields = new ArrayList<>();
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
      }
    }
    return fields;
  }
}
