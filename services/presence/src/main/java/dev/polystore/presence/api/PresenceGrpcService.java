package dev.polystore.presence.api;

import dev.polystore.platform.grpc.AsyncAnswers;
import dev.polystore.platform.grpc.NonBlockingMethods;
import dev.polystore.presence.domain.OnlinePage;
import dev.polystore.presence.domain.Presence;
import dev.polystore.presence.domain.PresenceWatches;
import dev.polystore.presence.domain.RateLimits;
import dev.polystore.presence.domain.Typing;
import dev.polystore.presence.domain.UserPresence;
import dev.polystore.presence.domain.Watch;
import dev.polystore.presence.v1.CheckRateLimitRequest;
import dev.polystore.presence.v1.CheckRateLimitResponse;
import dev.polystore.presence.v1.GetPresenceRequest;
import dev.polystore.presence.v1.GetPresenceResponse;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.HeartbeatResponse;
import dev.polystore.presence.v1.ListOnlineRequest;
import dev.polystore.presence.v1.ListOnlineResponse;
import dev.polystore.presence.v1.ListTypingRequest;
import dev.polystore.presence.v1.ListTypingResponse;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import dev.polystore.presence.v1.SetTypingRequest;
import dev.polystore.presence.v1.SetTypingResponse;
import dev.polystore.presence.v1.WatchPresenceRequest;
import dev.polystore.presence.v1.WatchPresenceResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;

/**
 * PresenceService over gRPC: maps messages to the domain and back. Failures are thrown, or, for
 * the calls answered asynchronously (Heartbeat, CheckRateLimit), passed to {@code onError}; the
 * platform's interceptors turn both into statuses.
 */
public final class PresenceGrpcService extends PresenceServiceGrpc.PresenceServiceImplBase
    implements NonBlockingMethods {
  private final Presence presence;
  private final PresenceWatches watches;
  private final Typing typing;
  private final RateLimits rateLimits;

  public PresenceGrpcService(Presence presence, PresenceWatches watches, Typing typing, RateLimits rateLimits) {
    this.presence = presence;
    this.watches = watches;
    this.typing = typing;
    this.rateLimits = rateLimits;
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
    AsyncAnswers.answer(presence.heartbeat(request.getWorkspaceId(), request.getUserId(), request.getDeviceId(),
            PresenceMessages.fromProto(request.getStatus()), PresenceMessages.fromProto(request.getTtl()))
        .thenApply(user -> HeartbeatResponse.newBuilder().setPresence(PresenceMessages.toProto(user)).build()), response);
  }

  @Override
  public void getPresence(GetPresenceRequest request, StreamObserver<GetPresenceResponse> response) {
    List<UserPresence> users = presence.get(request.getWorkspaceId(), request.getUserIdsList());
    GetPresenceResponse.Builder message = GetPresenceResponse.newBuilder();
    users.forEach(user -> message.addPresences(PresenceMessages.toProto(user)));
    respond(response, message.build());
  }

  @Override
  public void listOnline(ListOnlineRequest request, StreamObserver<ListOnlineResponse> response) {
    OnlinePage page = presence.listOnline(request.getWorkspaceId(), request.getPageSize(), request.getPageToken());
    ListOnlineResponse.Builder message = ListOnlineResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.users().forEach(user -> message.addUsers(PresenceMessages.toProto(user)));
    respond(response, message.build());
  }

  @Override
  public void watchPresence(WatchPresenceRequest request, StreamObserver<WatchPresenceResponse> response) {
    ServerCallStreamObserver<WatchPresenceResponse> call = (ServerCallStreamObserver<WatchPresenceResponse>) response;
    WatchStream stream = new WatchStream(call);
    Watch watch;
    try {
      watch = watches.open(request.getWorkspaceId(), stream);
    } catch (RuntimeException e) {
      // Through the stream, which closes the call once even if the watch was ended meanwhile.
      stream.end(e);
      return;
    }
    call.setOnCancelHandler(watch::close);
    call.setOnCloseHandler(watch::close);
  }

  @Override
  public void setTyping(SetTypingRequest request, StreamObserver<SetTypingResponse> response) {
    SetTypingResponse.Builder message = SetTypingResponse.newBuilder();
    typing.set(request.getWorkspaceId(), request.getRoomId(), request.getUserId(), request.getStopped())
        .ifPresent(expiry -> message.setExpireTime(PresenceMessages.timestamp(expiry)));
    respond(response, message.build());
  }

  @Override
  public void listTyping(ListTypingRequest request, StreamObserver<ListTypingResponse> response) {
    List<String> users = typing.list(request.getWorkspaceId(), request.getRoomId());
    respond(response, ListTypingResponse.newBuilder().addAllUserIds(users).build());
  }

  @Override
  public void checkRateLimit(CheckRateLimitRequest request, StreamObserver<CheckRateLimitResponse> response) {
    AsyncAnswers.answer(rateLimits.check(request.getWorkspaceId(), request.getKey(), request.getLimit(),
        PresenceMessages.fromProto(request.getWindow()), request.getCost()).thenApply(PresenceMessages::toProto), response);
  }

  /** Answered from Valkey's reply on Lettuce's thread: no thread waits for it. */
  @Override
  public Set<String> nonBlockingMethods() {
    return Set.of(PresenceServiceGrpc.getHeartbeatMethod().getFullMethodName(),
        PresenceServiceGrpc.getCheckRateLimitMethod().getFullMethodName());
  }

  private static <T> void respond(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
