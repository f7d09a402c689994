package dev.polystore.files;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalCassandra;
import dev.polystore.devstack.LocalS3;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.ListFilesRequest;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.s3.S3Config;
import dev.polystore.platform.valkey.EventBusConfig;
import dev.polystore.platform.testing.ServedModule;
import dev.polystore.platform.cassandra.testing.TestKeyspace;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * FilesService as it runs for real (see {@link ServedModule}), on a fresh keyspace of devstack's
 * Cassandra and a fresh bucket of devstack's S3. Small limits, so that tests can cross them with
 * little data.
 */
public final class FilesServer implements AutoCloseable {
  static final List<String> TABLES = List.of("files", "files_by_workspace", "pending_uploads", "upload_requests",
      "outbox", "outbox_sent");
  static final long MIB = 1024 * 1024;
  /** FILES_* settings of every test server; a test adds or overrides some. */
  static final Map<String, String> SETTINGS = Map.of(
      "FILES_ALLOWED_CONTENT_TYPES", "image/png,text/plain,application/pdf",
      "FILES_MAX_SIZE_MIB", "16",
      "FILES_MULTIPART_THRESHOLD_MIB", "6",
      "FILES_PART_SIZE_MIB", "5");
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  final TestKeyspace keyspace = new TestKeyspace("files", TABLES);
  final LocalCassandra cassandra = keyspace.cassandra;
  final LocalS3 s3 = Devstack.s3();
  final String bucket = "files-it-" + UUID.randomUUID().toString().substring(0, 8);
  final FilesModule module;
  final ServedModule<FilesModule> served;
  final ManagedChannel channel;

  FilesServer(Map<String, String> overrides) {
    this(overrides, Optional.empty());
  }

  /** With an event bus: the host relays the outbox to it, as the gateway does. */
  FilesServer(Map<String, String> overrides, Optional<EventBusConfig> bus) {
    s3.createBucket(bucket);
    Map<String, String> env = new HashMap<>(s3.env());
    env.put(S3Config.BUCKET, bucket);
    env.putAll(SETTINGS);
    env.putAll(overrides);
    module = FilesModule.create(keyspace.config, keyspace.name, S3Config.fromEnv(new Env(env)), new Env(env), bus);
    served = new ServedModule<>(module);
    channel = served.channel;
  }

  /** Starts a server and waits until it reports SERVING: its keyspace migrated and its bucket answers. */
  public static FilesServer startServing(Map<String, String> overrides) throws InterruptedException {
    return startServing(overrides, Optional.empty());
  }

  /** As {@link #startServing(Map)}, relaying its events to {@code bus} when given. */
  static FilesServer startServing(Map<String, String> overrides, Optional<EventBusConfig> bus)
      throws InterruptedException {
    FilesServer server = new FilesServer(overrides, bus);
    server.served.awaitServing(Duration.ofSeconds(120));
    // The first call prepares the statements: done here, so that no test's short deadline pays for it.
    server.files().listFiles(ListFilesRequest.newBuilder().setWorkspaceId(UUID.randomUUID().toString()).build());
    return server;
  }

  static FilesServer startServing() throws InterruptedException {
    return startServing(Map.of());
  }

  /** A blocking stub whose every call has a deadline. */
  public FilesServiceGrpc.FilesServiceBlockingStub files() {
    return FilesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  ServingStatus status() {
    return served.status();
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    return served.awaitStatus(wanted, limit);
  }

  /** Every row of the keyspace and every object of the bucket: what a refused request must leave alone. */
  Map<String, String> contents() {
    Map<String, String> contents = new LinkedHashMap<>(keyspace.contents());
    contents.put("bucket", objects().toString());
    return contents;
  }

  /** The keys the bucket holds, read from S3's disk. */
  public List<String> objects() {
    return s3.objectKeys(bucket);
  }

  @Override
  public void close() {
    served.close();
    keyspace.close();
  }
}
