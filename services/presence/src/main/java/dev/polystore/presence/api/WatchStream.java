package dev.polystore.presence.api;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.presence.domain.PresenceChange;
import dev.polystore.presence.domain.Watcher;
import dev.polystore.presence.v1.WatchPresenceResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One WatchPresence stream with gRPC flow control: messages wait here while the client is not
 * ready. A client that falls {@link #MAX_PENDING} messages behind is cut off with UNAVAILABLE, so a
 * slow reader cannot make the server hold an unbounded backlog; it watches again for a fresh snapshot.
 */
final class WatchStream implements Watcher {
  static final int MAX_PENDING = 1_000;

  private final ServerCallStreamObserver<WatchPresenceResponse> observer;
  private final Deque<WatchPresenceResponse> pending = new ArrayDeque<>();
  private boolean ended;

  WatchStream(ServerCallStreamObserver<WatchPresenceResponse> observer) {
    this.observer = observer;
    observer.setOnReadyHandler(this::drain);
  }

  @Override
  public synchronized void send(List<PresenceChange> changes, boolean snapshot) {
    if (ended) {
      return;
    }
    WatchPresenceResponse.Builder message = WatchPresenceResponse.newBuilder().setSnapshot(snapshot);
    changes.forEach(change -> message.addChanges(PresenceMessages.toProto(change)));
    pending.add(message.build());
    if (pending.size() > MAX_PENDING) {
      end(ServiceException.unavailable("the watcher fell " + MAX_PENDING + " messages behind; watch again", null));
      return;
    }
    drain();
  }

  @Override
  public synchronized void end(RuntimeException cause) {
    if (ended) {
      return;
    }
    ended = true;
    pending.clear();
    if (!observer.isCancelled()) {
      observer.onError(cause);
    }
  }

  private synchronized void drain() {
    while (!ended && !observer.isCancelled() && observer.isReady() && !pending.isEmpty()) {
      observer.onNext(pending.poll());
    }
  }
}
