package dev.polystore.platform.valkey.streams;

import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.service.BackgroundTask;
import dev.polystore.platform.valkey.ValkeyStore;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A service's consumer group on each of the streams it reads, on the event bus's Valkey, which it
 * owns and closes. One consumer (thread, connection) per stream.
 */
public final class StreamConsumers implements BackgroundTask {
  private final ValkeyStore store;
  private final List<StreamConsumer> consumers;
  private boolean closed;

  public StreamConsumers(ValkeyStore store, String group, List<String> streams, StreamHandler handler,
      List<OutageClassifier> handlerOutages, StreamConsumerConfig config) {
    this.store = store;
    this.consumers = streams.stream().map(stream -> new StreamConsumer(store, stream, group,
        ConsumerNames.forThisProcess(), handler, handlerOutages, config)).toList();
  }

  @Override
  public void start(BooleanSupplier serving) {
    consumers.forEach(consumer -> consumer.start(serving));
  }

  /** Stops every consumer (all asked first, then each waited for), then closes the connections. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    consumers.forEach(StreamConsumer::stop);
    consumers.forEach(StreamConsumer::close);
    store.close();
  }
}
