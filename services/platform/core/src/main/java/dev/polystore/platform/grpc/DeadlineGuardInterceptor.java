package dev.polystore.platform.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Answers every call before its deadline. A store that hangs (a pool waiting for connections to a
 * database that went away) would otherwise hold the call past the caller's deadline; shortly
 * before the deadline this guard answers. Calls without a deadline get {@code defaultDeadline}, so
 * nothing hangs forever. Streaming calls are left alone.
 *
 * <p>The answer is honest about the outcome: UNAVAILABLE (which clients retry automatically) only
 * when the store surely did not get the request: the handler never started, or its binding says
 * it is still waiting for a connection ({@link StoreContact}). Otherwise a write may still commit,
 * so the caller gets DEADLINE_EXCEEDED and decides (a create retried with
 * the same request id is safe; see docs/architecture.md).
 */
public final class DeadlineGuardInterceptor implements ServerInterceptor {
  private final Timer timer;
  private final long latenessMillis;
  private final Duration defaultDeadline;

  /** {@code lateness}: how late {@code timer} may run a task (a wheel's tick); the alarm is set that much earlier. */
  public DeadlineGuardInterceptor(Timer timer, Duration lateness, Duration defaultDeadline) {
    this.timer = timer;
    this.latenessMillis = lateness.toMillis();
    this.defaultDeadline = defaultDeadline;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY) {
      return next.startCall(call, headers); // streams live as long as the caller wants them
    }
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) {
      deadline = Deadline.after(defaultDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }
    long remaining = deadline.timeRemaining(TimeUnit.MILLISECONDS);
    // Answer a little before the deadline so the answer still reaches the caller in time.
    long answerIn = Math.max(0, remaining - Math.min(250, remaining / 10) - latenessMillis);

    SingleCloseServerCall<ReqT, RespT> guarded = new SingleCloseServerCall<>(call);
    String service = call.getMethodDescriptor().getServiceName();
    StoreContact contact = new StoreContact();
    Timeout alarm = timer.newTimeout(ignored -> answerInTime(guarded, contact, service), answerIn, TimeUnit.MILLISECONDS);

    // The handler runs in this Context (the handler pool carries it over), where bindings report contact.
    Context withContact = Context.current().withValue(StoreContact.KEY, contact);
    ServerCall.Listener<ReqT> delegate = Contexts.interceptCall(withContact, guarded, headers, next);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onComplete() {
        alarm.cancel();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        alarm.cancel();
        super.onCancel();
      }
    };
  }

  private static void answerInTime(SingleCloseServerCall<?, ?> call, StoreContact contact, String service) {
    // Under the call's lock: the handler either started before this answer, or never will.
    synchronized (call) {
      if (call.handlerStarted() && contact.mayHaveReached()) {
        call.close(Status.DEADLINE_EXCEEDED.withDescription(service
            + " did not get an answer from its store in time; the request may still take effect"), new Metadata());
      } else {
        call.close(Status.UNAVAILABLE.withDescription(service
            + " could not reach its store in time; the request was not run, retry"), new Metadata());
      }
    }
  }
}
