package dev.polystore.platform.testing;

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
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Requests that break a rule (the contract's or the domain's), each one test: the call fails with
 * INVALID_ARGUMENT whose google.rpc.BadRequest names the field, and no table changes, neither its
 * row count nor any row.
 *
 * @param <S> the blocking stub the cases call
 */
public final class BadRequestCases<S> {
  /** One request, wrong in {@code field} only. */
  public record Case<S>(String name, String field, Consumer<S> call) {}

  private final Supplier<S> stub;
  private final Callable<Map<String, String>> tableContents;

  /**
   * @param stub a stub with a deadline, fresh for each call
   * @param tableContents what the store holds, compared before and after each call
   */
  public BadRequestCases(Supplier<S> stub, Callable<Map<String, String>> tableContents) {
    this.stub = stub;
    this.tableContents = tableContents;
  }

  public static <S> Case<S> bad(String name, String field, Consumer<S> call) {
    return new Case<>(name, field, call);
  }

  @SafeVarargs
  public final Stream<DynamicTest> of(Case<S>... cases) {
    return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Map<String, String> before = tableContents.call();

      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> c.call().accept(stub.get()));

      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), () -> "got " + e.getStatus());
      List<String> fields = violatedFields(e);
      assertTrue(fields.contains(c.field()), () -> "BadRequest names " + fields + ", not " + c.field());
      assertEquals(before, tableContents.call());
    }));
  }

  /** The fields that the status's google.rpc.BadRequest names. */
  public static List<String> violatedFields(StatusRuntimeException e) throws InvalidProtocolBufferException {
    List<String> fields = new ArrayList<>();
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertNotNull(status, "the status carries no details");
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
      }
    }
    return fields;
  }
}
