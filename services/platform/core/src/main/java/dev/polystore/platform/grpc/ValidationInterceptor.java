package dev.polystore.platform.grpc;

import build.buf.protovalidate.Config;
import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.Violation;
import build.buf.protovalidate.exceptions.ValidationException;
import com.google.protobuf.Message;
import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the contract's protovalidate rules, and the one rule every string shares ({@link
 * SharedFieldRules}), on every request message before the handler sees it. A request that breaks a
 * rule never reaches the handler, so it cannot reach the store either.
 */
public final class ValidationInterceptor implements ServerInterceptor {
  /**
   * Native rules: protovalidate evaluates the standard rules (lengths, formats, UUIDs, ranges) in
   * Java instead of CEL, identical by the conformance suite and many times cheaper; custom CEL rules
   * still run in CEL. On a point read this was the largest single cost of the interceptor chain.
   */
  private final Validator validator = ValidatorFactory.newBuilder()
      .withConfig(Config.newBuilder().setEnableNativeRules(true).build())
      .build();

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> delegate = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      private boolean rejected;

      @Override
      public void onMessage(ReqT message) {
        if (rejected) {
          return;
        }
        if (message instanceof Message proto) {
          List<FieldViolation> violations = violations(proto);
          if (!violations.isEmpty()) {
            rejected = true;
            // Thrown to the error-mapping interceptor, which closes the call with INVALID_ARGUMENT.
            throw ServiceException.invalid(violations);
          }
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!rejected) {
          super.onHalfClose();
        }
      }
    };
  }

  /** The contract's violations of one message; empty when it is valid. */
  public List<FieldViolation> violations(Message message) {
    List<FieldViolation> shared = SharedFieldRules.violations(message);
    ValidationResult result;
    try {
      result = validator.validate(message);
    } catch (ValidationException | RuntimeException e) {
      // protovalidate cannot evaluate a rule on a Timestamp or Duration beyond java.time's range
      // (seconds 2^62: DateTimeException, or a CEL error under timestamp.gt_now; found by the fuzz
      // suite). The shared rules name that field, so the caller gets INVALID_ARGUMENT for it, not INTERNAL.
      if (!shared.isEmpty()) {
        return shared;
      }
      if (e instanceof RuntimeException unexpected) {
        throw unexpected;
      }
      // A broken rule in the contract itself: a bug of ours, not the caller's.
      throw new IllegalStateException("cannot evaluate the rules of " + message.getDescriptorForType().getFullName(), e);
    }
    List<FieldViolation> out = new ArrayList<>();
    for (Violation violation : result.getViolations()) {
      build.buf.validate.Violation proto = violation.toProto();
      out.add(new FieldViolation(FieldPaths.render(proto.getField()), proto.getRuleId(), proto.getMessage()));
    }
    out.addAll(shared);
    return out;
  }
}
