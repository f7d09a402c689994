package dev.polystore.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.errors.ServiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  /** Stands for a store binding's classifier: this store's driver says "down" with this exception. */
  private static final class StoreDown extends RuntimeException {
    StoreDown() {
      super("connection refused");
    }
  }

  /** Stands for a failure that proves the store never got the request (no connection could be had). */
  private static final class NoConnection extends RuntimeException {
    NoConnection() {
      super("connection refused");
    }
  }

  private final ErrorMapper mapper = new ErrorMapper(List.of(new OutageClassifier() {
    @Override
    public boolean isOutage(Throwable failure) {
      return failure instanceof StoreDown || failure instanceof NoConnection;
    }

    @Override
    public boolean provesNotRun(Throwable failure) {
      return failure instanceof NoConnection;
    }
  }));

  @Test
  void aStoreFailureOfAWriteThatMayHaveRunIsNotInvitedToRetry() {
    assertEquals(Status.Code.DEADLINE_EXCEEDED, mapper.toStatus(new StoreDown(), false).getStatus().getCode());
    assertEquals(Status.Code.UNAVAILABLE, mapper.toStatus(new RuntimeException(new NoConnection()), false).getStatus().getCode());
    assertEquals(Status.Code.UNAVAILABLE, mapper.toStatus(new StoreDown(), true).getStatus().getCode());
  }

  @Test
  void invalidArgumentCarriesFieldViolations() throws Exception {
    StatusRuntimeException e = mapper.toStatus(ServiceException.invalid("email", "email.unique", "is taken"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    BadRequest details = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
    assertEquals("email", details.getFieldViolations(0).getField());
    assertEquals("email.unique", details.getFieldViolations(0).getReason());
  }

  @Test
  void resourceExhaustedCarriesRetryInfo() throws Exception {
    StatusRuntimeException e = mapper.toStatus(ServiceException.resourceExhausted("slow down", Duration.ofMillis(1500)));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    RetryInfo retry = StatusProto.fromThrowable(e).getDetails(0).unpack(RetryInfo.class);
    assertEquals(1, retry.getRetryDelay().getSeconds());
    assertEquals(500_000_000, retry.getRetryDelay().getNanos());
  }

  @Test
  void anOutageAnywhereInTheCauseChainIsUnavailable() {
    RuntimeException wrapped = new RuntimeException(new IllegalStateException(new StoreDown()));
    assertEquals(Status.Code.UNAVAILABLE, mapper.toStatus(wrapped).getStatus().getCode());
  }

  @Test
  void unexpectedFailureIsInternalWithoutDetails() {
    StatusRuntimeException e = mapper.toStatus(new NullPointerException("secret detail"));
    assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
    assertEquals("internal error", e.getStatus().getDescription());
  }

  @Test
  void everyReasonMapsToTheStatusOfTheSameName() {
    for (ServiceException.Reason reason : ServiceException.Reason.values()) {
      ServiceException e = switch (reason) {
        case INVALID_ARGUMENT -> ServiceException.invalid("f", "r", "d");
        case NOT_FOUND -> ServiceException.notFound("x");
        case ALREADY_EXISTS -> ServiceException.alreadyExists("x");
        case FAILED_PRECONDITION -> ServiceException.failedPrecondition("x");
        case PERMISSION_DENIED -> ServiceException.permissionDenied("x");
        case UNAUTHENTICATED -> ServiceException.unauthenticated("x");
        case RESOURCE_EXHAUSTED -> ServiceException.resourceExhausted("x", null);
        case UNAVAILABLE -> ServiceException.unavailable("x", null);
      };
      assertEquals(reason.name(), mapper.toStatus(e).getStatus().getCode().name());
    }
  }
}
