package dev.polystore.activity;

import dev.polystore.activity.api.ActivityGrpcService;
import dev.polystore.activity.domain.EventCounts;
import dev.polystore.activity.events.AuditTrail;
import dev.polystore.activity.domain.EventLister;
import dev.polystore.activity.domain.EventRecorder;
import dev.polystore.activity.domain.Retention;
import dev.polystore.activity.store.CassandraEventStore;
import dev.polystore.activity.store.PartitionBuckets;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraOutages;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.events.EventsConfig;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.service.BackgroundTask;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.platform.valkey.streams.StreamConsumerConfig;
import dev.polystore.platform.valkey.streams.StreamConsumers;
import io.grpc.BindableService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * ActivityService as a host runs it: the gRPC implementation over its domain, on its own keyspace
 * ("activity") of Amazon Keyspaces or Cassandra, migrated from classpath:cql/activity. The audit
 * trail: the events of accounts, messenger and files (consumer group {@code activity}), recorded.
 */
public final class ActivityModule implements ServiceModule {
  public static final String NAME = "activity";
  /** Days an event is kept after it occurred. */
  public static final String RETENTION_DAYS = "ACTIVITY_RETENTION_DAYS";
  static final int DEFAULT_RETENTION_DAYS = 90;
  /**
   * Partitions one workspace's day of events and month of counts are spread over (Keyspaces takes
   * about 1,000 writes/s per partition). May grow, never shrink (docs/migrations.md).
   */
  public static final String PARTITION_BUCKETS = "ACTIVITY_PARTITION_BUCKETS";
  public static final int DEFAULT_PARTITION_BUCKETS = 8;

  private final CassandraStore store;
  private final ActivityGrpcService grpcService;
  /** The audit trail of the other services' events; empty for a module without an event bus. */
  private final List<StreamConsumers> consumers;

  private ActivityModule(CassandraStore store, Duration retention, PartitionBuckets buckets, ValkeyStore bus,
      StreamConsumerConfig events) {
    this.store = store;
    Retention kept = new Retention(retention, Clock.systemUTC());
    CassandraEventStore stored = new CassandraEventStore(store, buckets);
    EventRecorder recorder = new EventRecorder(stored, kept);
    this.grpcService = new ActivityGrpcService(recorder, new EventLister(stored, kept), new EventCounts(stored));
    this.consumers = bus == null ? List.of() : List.of(new StreamConsumers(bus, AuditTrail.GROUP,
        AuditTrail.SOURCES.stream().map(EventsConfig::streamOf).toList(), new AuditTrail(recorder), outages(), events));
  }

  /**
   * From the Cassandra or Keyspaces settings of DESIGN.md, plus {@link #RETENTION_DAYS}, and the
   * event bus of VALKEY_URL: every write of accounts, messenger and files is recorded as it is published.
   */
  public static ActivityModule fromEnv(Env env) {
    CassandraConfig config = CassandraConfig.fromEnv(env);
    int days = env.integer(RETENTION_DAYS, DEFAULT_RETENTION_DAYS, 1, 3650);
    int buckets = env.integer(PARTITION_BUCKETS, DEFAULT_PARTITION_BUCKETS, 1, PartitionBuckets.MAX);
    ValkeyConfig bus = ValkeyConfig.fromEnv(env);
    StreamConsumerConfig events = StreamConsumerConfig.fromEnv(env);
    return new ActivityModule(new CassandraStore(NAME, config), Duration.ofDays(days), new PartitionBuckets(buckets),
        new ValkeyStore(bus), events);
  }

  /** In a keyspace of another name and with any retention: for tests. */
  public static ActivityModule create(CassandraConfig config, String keyspace, Duration retention) {
    return create(config, keyspace, retention, DEFAULT_PARTITION_BUCKETS);
  }

  /** As {@link #create(CassandraConfig, String, Duration)}, with a bucket count of its own. */
  public static ActivityModule create(CassandraConfig config, String keyspace, Duration retention, int buckets) {
    return new ActivityModule(new CassandraStore(NAME, keyspace, config), retention, new PartitionBuckets(buckets),
        null, null);
  }

  /** As {@link #create(CassandraConfig, String, Duration)}, recording the audit trail from {@code bus}, which the module closes. */
  public static ActivityModule create(CassandraConfig config, String keyspace, Duration retention, ValkeyStore bus,
      StreamConsumerConfig events) {
    return new ActivityModule(new CassandraStore(NAME, keyspace, config), retention,
        new PartitionBuckets(DEFAULT_PARTITION_BUCKETS), bus, events);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BindableService grpcService() {
    return grpcService;
  }

  @Override
  public ManagedStore store() {
    return store;
  }

  @Override
  public List<OutageClassifier> outages() {
    return List.of(new CassandraOutages());
  }

  @Override
  public List<BackgroundTask> backgroundTasks() {
    return List.copyOf(consumers);
  }

  @Override
  public void close() {
    consumers.forEach(StreamConsumers::close);
    store.close();
  }
}
