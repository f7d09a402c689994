package dev.polystore.files;

import dev.polystore.files.api.FilesGrpcService;
import dev.polystore.files.domain.AbandonedUploads;
import dev.polystore.files.domain.Downloads;
import dev.polystore.files.domain.FileCatalog;
import dev.polystore.files.domain.UploadLimits;
import dev.polystore.files.domain.Uploads;
import dev.polystore.files.store.CassandraFileStore;
import dev.polystore.files.store.FilesStores;
import dev.polystore.files.store.S3ObjectStore;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraOutages;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.cassandra.outbox.CassandraOutbox;
import dev.polystore.platform.cassandra.outbox.CassandraOutboxWriter;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventEnvelope;
import dev.polystore.platform.events.OutboxRelay;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.s3.S3Config;
import dev.polystore.platform.s3.S3Outages;
import dev.polystore.platform.s3.S3Store;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.platform.valkey.EventBusConfig;
import dev.polystore.platform.valkey.ValkeyEventStream;
import io.grpc.BindableService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FilesService as a host runs it: the gRPC implementation over its domain, on its own bucket (S3)
 * and keyspace ("files", migrated from classpath:cql/files), plus the periodic cleanup of
 * abandoned uploads.
 */
public final class FilesModule implements ServiceModule {
  public static final String NAME = "files";
  private static final Logger log = LoggerFactory.getLogger(FilesModule.class);

  private final FilesStores stores;
  private final AbandonedUploads abandoned;
  private final ScheduledExecutorService cleaner;
  private final FilesGrpcService grpcService;
  private final Optional<OutboxRelay> relay;

  private FilesModule(CassandraStore cassandra, S3Store s3, UploadLimits limits, Duration cleanupInterval,
      Optional<EventBusConfig> bus) {
    Clock clock = Clock.systemUTC();
    this.stores = new FilesStores(cassandra, s3);
    // Files' events are envelopes: type, workspace and file are what consumers need.
    CassandraFileStore files = new CassandraFileStore(cassandra, new CassandraOutboxWriter(cassandra, EventEnvelope::encode));
    this.relay = bus.map(settings -> new OutboxRelay(NAME, new CassandraOutbox(cassandra, settings.events().retention(),
        clock), ValkeyEventStream.of(settings), settings.events(), clock));
    S3ObjectStore objects = new S3ObjectStore(s3);
    this.abandoned = new AbandonedUploads(files, objects, clock);
    this.grpcService = new FilesGrpcService(new Uploads(files, objects, limits, clock),
        new Downloads(files, objects, limits, clock), new FileCatalog(files, objects));
    this.cleaner = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "files-cleanup");
      thread.setDaemon(true);
      return thread;
    });
    cleaner.scheduleWithFixedDelay(this::cleanUp, cleanupInterval.toMillis(), cleanupInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * From the Cassandra or Keyspaces and the S3 settings of DESIGN.md, plus {@link FilesConfig}'s;
   * its events go to Valkey (VALKEY_URL and the EVENTS_ settings).
   */
  public static FilesModule fromEnv(Env env) {
    // Every setting is read before any store is built: a missing one stops start-up with nothing open.
    CassandraConfig cassandra = CassandraConfig.fromEnv(env);
    S3Config s3 = S3Config.fromEnv(env);
    UploadLimits limits = FilesConfig.limits(env);
    Duration cleanupInterval = FilesConfig.cleanupInterval(env);
    EventBusConfig bus = EventBusConfig.fromEnv(env, NAME);
    return new FilesModule(new CassandraStore(NAME, cassandra), new S3Store(s3), limits, cleanupInterval,
        Optional.of(bus));
  }

  /** In a keyspace of another name, with settings from {@code env} (FILES_*), without an event bus (events stay in the outbox): for tests. */
  public static FilesModule create(CassandraConfig cassandra, String keyspace, S3Config s3, Env env) {
    return create(cassandra, keyspace, s3, env, Optional.empty());
  }

  /** As {@link #create(CassandraConfig, String, S3Config, Env)}, relaying to {@code bus} when given. */
  public static FilesModule create(CassandraConfig cassandra, String keyspace, S3Config s3, Env env,
      Optional<EventBusConfig> bus) {
    return new FilesModule(new CassandraStore(NAME, keyspace, cassandra), new S3Store(s3), FilesConfig.limits(env),
        FilesConfig.cleanupInterval(env), bus);
  }

  @Override
  public Optional<OutboxRelay> relay() {
    return relay;
  }

  /** The cleanup of abandoned uploads, which also runs by itself every FILES_CLEANUP_INTERVAL_SECONDS. */
  public AbandonedUploads abandonedUploads() {
    return abandoned;
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
    return stores;
  }

  @Override
  public List<OutageClassifier> outages() {
    return List.of(new CassandraOutages(), new S3Outages());
  }

  @Override
  public void close() {
    cleaner.shutdownNow();
    relay.ifPresent(OutboxRelay::close); // before the store it reads closes
    stores.close();
  }

  private void cleanUp() {
    try {
      abandoned.removeDue();
    } catch (RuntimeException e) {
      // A store away now: the next run finishes the job.
      log.warn("cleanup of abandoned uploads failed ({}); retrying in the next run", e.toString());
    }
  }
}
