package dev.polystore.bench.presence;

import com.google.protobuf.Duration;
import dev.polystore.platform.valkey.ValkeyScript;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.store.ValkeyRateLimitStore;
import dev.polystore.presence.v1.CheckRateLimitRequest;
import dev.polystore.presence.v1.CheckRateLimitResponse;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.lettuce.core.ScriptOutputType;
import java.util.List;

/**
 * CheckRateLimit answered without a handler thread: the transport's thread sends the script to
 * Valkey asynchronously and Lettuce's thread answers the call when the reply comes. A bench-only
 * experiment of the floor (no validation, no platform): what a gateway of asynchronous handlers
 * would pay here, against the handler pool's hand-offs.
 */
final class AsyncRateLimits extends PresenceServiceGrpc.PresenceServiceImplBase {
  private static final ValkeyScript RATE_LIMIT = ValkeyScript.fromResources(ValkeyRateLimitStore.class, "rate-limit.lua");

  private final ValkeyStore valkey;

  AsyncRateLimits(ValkeyStore valkey) {
    this.valkey = valkey;
  }

  @Override
  public void checkRateLimit(CheckRateLimitRequest request, StreamObserver<CheckRateLimitResponse> response) {
    long windowMillis = request.getWindow().getSeconds() * 1000 + request.getWindow().getNanos() / 1_000_000;
    // The key as ValkeyRateLimitStore names it (PresenceKeys.rateLimit).
    String key = "ratelimit:ws:" + request.getWorkspaceId() + ":" + request.getKey();
    valkey.primary().async().<List<Long>>evalsha(RATE_LIMIT.sha(), ScriptOutputType.MULTI, new String[] {key},
            Long.toString(request.getLimit()), Long.toString(request.getCost()), Long.toString(windowMillis))
        .whenComplete((result, error) -> {
          if (error != null) {
            response.onError(Status.UNAVAILABLE.withCause(error).withDescription(error.getMessage()).asRuntimeException());
            return;
          }
          response.onNext(CheckRateLimitResponse.newBuilder().setAllowed(result.get(0) == 1)
              .setRemaining(result.get(1)).setRetryAfter(millis(result.get(2))).setResetAfter(millis(result.get(3)))
              .build());
          response.onCompleted();
        });
  }

  private static Duration millis(long millis) {
    long at = Math.max(0, millis);
    return Duration.newBuilder().setSeconds(at / 1000).setNanos((int) (at % 1000) * 1_000_000).build();
  }
}
