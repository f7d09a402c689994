package dev.polystore.platform.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.util.Durations;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.errors.ServiceException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a status a client can act on (DESIGN.md, Errors): never UNKNOWN, never a
 * stack trace on the wire. Unexpected failures are logged here and leave as INTERNAL.
 */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private final List<OutageClassifier> outages;

  public ErrorMapper(List<OutageClassifier> outages) {
    this.outages = List.copyOf(outages);
  }

  /** The status of a failure of a call that is safe to repeat (or where no better is known). */
  public StatusRuntimeException toStatus(Throwable failure) {
    return toStatus(failure, true);
  }

  /**
   * The status of {@code failure}. {@code repeatable}: the RPC is marked NO_SIDE_EFFECTS or
   * IDEMPOTENT, so UNAVAILABLE (which clients retry on their own) is safe whatever happened.
   * Otherwise a store failure is UNAVAILABLE only when the request surely did not run: the binding
   * says so ({@link OutageClassifier#provesNotRun}) or it never had a connection
   * ({@link StoreContact}); else DEADLINE_EXCEEDED, as the write may have taken effect.
   */
  public StatusRuntimeException toStatus(Throwable failure, boolean repeatable) {
    if (failure instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (failure instanceof StatusException se) {
      return new StatusRuntimeException(se.getStatus(), se.getTrailers());
    }
    if (failure instanceof ServiceException se) {
      return fromServiceException(se);
    }
    if (anyInChain(failure, OutageClassifier::isOutage)) {
      log.warn("store unavailable: {}", rootMessage(failure));
      if (repeatable || anyInChain(failure, OutageClassifier::provesNotRun) || !StoreContact.currentMayHaveReached()) {
        return Status.UNAVAILABLE.withDescription("store unavailable, retry later").asRuntimeException();
      }
      return Status.DEADLINE_EXCEEDED.withDescription("the store failed after the request may have reached it: "
          + "it may have taken effect; retry only with the same request_id").asRuntimeException();
    }
    Context context = Context.current();
    if (context.getDeadline() != null && context.getDeadline().isExpired()) {
      return Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded").asRuntimeException();
    }
    log.error("unexpected failure", failure);
    return Status.INTERNAL.withDescription("internal error").asRuntimeException();
  }

  private boolean anyInChain(Throwable failure, BiPredicate<OutageClassifier, Throwable> test) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (OutageClassifier classifier : outages) {
        if (test.test(classifier, t)) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static StatusRuntimeException fromServiceException(ServiceException e) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
        .setCode(code(e.reason()).getNumber())
        .setMessage(e.getMessage());
    if (!e.violations().isEmpty()) {
      BadRequest.Builder badRequest = BadRequest.newBuilder();
      for (FieldViolation v : e.violations()) {
        badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(v.field())
            .setReason(v.rule())
            .setDescription(v.rule() + ": " + v.description()));
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    if (e.retryAfter() != null) {
      status.addDetails(Any.pack(RetryInfo.newBuilder()
          .setRetryDelay(Durations.fromMillis(e.retryAfter().toMillis())).build()));
    }
    if (e.reason() == ServiceException.Reason.UNAVAILABLE) {
      log.warn("unavailable: {}", e.getMessage());
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }

  private static Code code(ServiceException.Reason reason) {
    return switch (reason) {
      case INVALID_ARGUMENT -> Code.INVALID_ARGUMENT;
      case NOT_FOUND -> Code.NOT_FOUND;
      case ALREADY_EXISTS -> Code.ALREADY_EXISTS;
      case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
      case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
      case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
      case RESOURCE_EXHAUSTED -> Code.RESOURCE_EXHAUSTED;
      case UNAVAILABLE -> Code.UNAVAILABLE;
    };
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
