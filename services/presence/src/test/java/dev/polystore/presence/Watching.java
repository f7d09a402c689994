package dev.polystore.presence;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.polystore.presence.v1.PresenceChange;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import dev.polystore.presence.v1.WatchPresenceRequest;
import dev.polystore.presence.v1.WatchPresenceResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A client's WatchPresence stream, read message by message; closing it cancels the call. */
final class Watching implements AutoCloseable {
  private final BlockingQueue<WatchPresenceResponse> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Status> end = new CompletableFuture<>();
  private final ArrayDeque<PresenceChange> unreadChanges = new ArrayDeque<>();
  private volatile Throwable error;
  private volatile ClientCallStreamObserver<WatchPresenceRequest> call;

  private Watching() {}

  static Watching start(ManagedChannel channel, String workspaceId) {
    Watching watching = new Watching();
    PresenceServiceGrpc.newStub(channel).watchPresence(
        WatchPresenceRequest.newBuilder().setWorkspaceId(workspaceId).build(), watching.observer());
    return watching;
  }

  /** The next message; fails the test when none comes within {@code limit} or the stream ended. */
  WatchPresenceResponse next(Duration limit) throws InterruptedException {
    WatchPresenceResponse message = messages.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      fail("no watch message within " + limit + (end.isDone() ? "; the stream ended with " + end.getNow(null) : ""));
    }
    return message;
  }

  /** The next change, whether it came alone or with others in one message. */
  PresenceChange nextChange(Duration limit) throws InterruptedException {
    while (unreadChanges.isEmpty()) {
      unreadChanges.addAll(next(limit).getChangesList());
    }
    return unreadChanges.poll();
  }

  /** What the stream failed with; null while open or after a clean end. */
  Throwable error() {
    return error;
  }

  /** The status the stream ended with; fails the test when it is still open after {@code limit}. */
  Status awaitEnd(Duration limit) throws InterruptedException {
    try {
      Status status = end.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(status);
      return status;
    } catch (TimeoutException e) {
      return fail("the watch stream did not end within " + limit);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages received and not read yet. */
  int unread() {
    return messages.size();
  }

  @Override
  public void close() {
    if (call != null && !end.isDone()) {
      call.cancel("test done", null);
    }
  }

  private ClientResponseObserver<WatchPresenceRequest, WatchPresenceResponse> observer() {
    return new ClientResponseObserver<>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<WatchPresenceRequest> requestStream) {
        call = requestStream;
      }

      @Override
      public void onNext(WatchPresenceResponse message) {
        messages.add(message);
      }

      @Override
      public void onError(Throwable t) {
        error = t;
        end.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        end.complete(Status.OK);
      }
    };
  }
}
