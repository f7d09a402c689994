package dev.polystore.bench.files;

import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.devstack.Devstack;
import dev.polystore.files.FilesModule;
import dev.polystore.files.domain.FileRecord;
import dev.polystore.files.domain.FileStatus;
import dev.polystore.files.domain.StoredObject;
import dev.polystore.files.store.CassandraFileStore;
import dev.polystore.files.store.S3ObjectStore;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.FilesServiceGrpc.FilesServiceBlockingStub;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.cassandra.outbox.CassandraOutboxWriter;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventEnvelope;
import dev.polystore.platform.s3.S3Config;
import dev.polystore.platform.s3.S3Store;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * CreateUpload (a presigned PUT) and CompleteUpload through the gateway over loopback gRPC, against
 * the same calls made directly by the service's own store classes: CassandraFileStore's record
 * writes and S3ObjectStore's S3Presigner call; the record read, S3ObjectStore's HeadObject and the
 * conditional update to READY. Same Cassandra node, same S3 (S3Proxy), same run.
 *
 * <p>A CompleteUpload of a READY file only reads the record, so every measured completion takes a
 * PENDING upload of its own, prepared before the run with its object already in the bucket.
 */
public final class FilesBench implements BenchSuite {
  private static final String FILENAME = "bench.png";
  private static final String CONTENT_TYPE = "image/png";
  private static final byte[] BYTES = new byte[1024];
  /** Set for the gateway too (FILES_PENDING_TTL_SECONDS, FILES_UPLOAD_URL_TTL_SECONDS): the same on both sides. */
  private static final Duration PENDING_TTL = Duration.ofHours(24);
  private static final Duration URL_TTL = Duration.ofMinutes(15);
  /** Uploads per CompleteUpload run, overriding the estimate below. */
  private static final String POOL_PROPERTY = "bench.files.completions";
  /**
   * A completion does more than a creation (a read, a HEAD, a lightweight transaction, a write),
   * so the same side's CreateUpload rate times this bounds its CompleteUpload rate with room to spare.
   */
  private static final double POOL_MARGIN = 1.5;
  private static final int PREPARE_THREADS = 16;

  @Override
  public String name() {
    return "files";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = new HashMap<>(Devstack.cassandra().env());
    env.putAll(Devstack.s3().env());
    env.put("VALKEY_URL", Devstack.valkey().url()); // the event bus the relay publishes to
    env.put("FILES_PENDING_TTL_SECONDS", Long.toString(PENDING_TTL.toSeconds()));
    env.put("FILES_UPLOAD_URL_TTL_SECONDS", Long.toString(URL_TTL.toSeconds()));
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start(FilesModule.NAME, env);
        CassandraStore cassandra = new CassandraStore(FilesModule.NAME, CassandraConfig.fromEnv(new Env(env)));
        S3Store s3 = new S3Store(S3Config.fromEnv(new Env(env)))) {
      FilesServiceBlockingStub stub = FilesServiceGrpc.newBlockingStub(gateway.channel());
      // The gateway has applied the migrations: this only checks them and opens the direct session.
      cassandra.migrate();
      // The direct side writes the outbox rows too, as the service does: the same work per write.
      CassandraFileStore files = new CassandraFileStore(cassandra,
          new CassandraOutboxWriter(cassandra, EventEnvelope::encode));
      S3ObjectStore objects = new S3ObjectStore(s3);

      List<Comparison> creates = new ArrayList<>();
      for (int clients : clientCounts) {
        UUID gatewayWorkspace = UUID.randomUUID();
        UUID directWorkspace = UUID.randomUUID();
        CreateUploadRequest request = CreateUploadRequest.newBuilder().setWorkspaceId(gatewayWorkspace.toString())
            .setFilename(FILENAME).setContentType(CONTENT_TYPE).setSizeBytes(BYTES.length)
            .setMethod(UploadMethod.UPLOAD_METHOD_PUT).build();
        Measurement viaGateway = runner.run("CreateUpload-gateway", clients, (client, seq) -> {
          if (!stub.withDeadlineAfter(5, TimeUnit.SECONDS).createUpload(request).hasPut()) {
            throw new IllegalStateException("CreateUpload signed no single PUT");
          }
        });
        Measurement viaStores = runner.run("CreateUpload-direct", clients, (client, seq) -> {
          FileRecord file = pending(directWorkspace);
          files.insertPending(file, PENDING_TTL);
          objects.presignPut(file.objectKey(), CONTENT_TYPE, BYTES.length, Optional.empty(), URL_TTL);
        });
        creates.add(new Comparison("CreateUpload (PUT, signing)", viaGateway, viaStores));
      }
      results.addAll(creates);

      // Each completion uses up an upload prepared ahead, so these runs must know their length.
      LoadRunner completing = runner.withFixedWarmup();
      try (Preparer preparer = new Preparer(files, s3)) {
        for (int i = 0; i < clientCounts.size(); i++) {
          int clients = clientCounts.get(i);
          Comparison create = creates.get(i);
          UUID gatewayWorkspace = UUID.randomUUID();
          UploadPool gatewayPool = preparer.pool(gatewayWorkspace, poolSize(completing, create.gateway()));
          Measurement viaGateway = completing.run("CompleteUpload-gateway", clients, (client, seq) -> {
            FileRecord file = gatewayPool.take();
            var ready = stub.withDeadlineAfter(5, TimeUnit.SECONDS).completeUpload(CompleteUploadRequest.newBuilder()
                .setWorkspaceId(gatewayWorkspace.toString()).setFileId(file.fileId().toString()).build()).getFile();
            if (ready.getStatus() != dev.polystore.files.v1.FileStatus.FILE_STATUS_READY) {
              throw new IllegalStateException("CompleteUpload left file " + file.fileId() + " " + ready.getStatus());
            }
          });
          UUID directWorkspace = UUID.randomUUID();
          UploadPool directPool = preparer.pool(directWorkspace, poolSize(completing, create.direct()));
          Measurement viaStores = completing.run("CompleteUpload-direct", clients, (client, seq) ->
              complete(files, objects, directWorkspace, directPool.take().fileId()));
          results.add(new Comparison("CompleteUpload (PENDING to READY)", viaGateway, viaStores));
        }
      }
    }
    return results;
  }

  /** The store calls of the service's CompleteUpload for a single PUT: read, HEAD, compare, mark READY. */
  private static void complete(CassandraFileStore files, S3ObjectStore objects, UUID workspace, UUID fileId) {
    FileRecord file = files.find(fileId).filter(found -> found.workspaceId().equals(workspace))
        .orElseThrow(() -> new IllegalStateException("no file " + fileId));
    if (file.status() != FileStatus.PENDING) {
      throw new IllegalStateException("file " + fileId + " was completed before: the pool handed it out twice");
    }
    StoredObject stored = objects.head(file.objectKey())
        .orElseThrow(() -> new IllegalStateException("nothing was uploaded for file " + fileId));
    if (stored.size() != file.sizeBytes() || !stored.contentType().equals(file.contentType())) {
      throw new IllegalStateException("the object of file " + fileId + " is not what was declared: " + stored);
    }
    if (!files.markReady(file.ready(Instant.now().truncatedTo(ChronoUnit.MILLIS)))) {
      throw new IllegalStateException("file " + fileId + " was no longer PENDING");
    }
  }

  /** A new single-PUT upload's record, as the service's CreateUpload builds it. */
  private static FileRecord pending(UUID workspace) {
    UUID fileId = UUID.randomUUID();
    return new FileRecord(fileId, workspace, FileRecord.objectKey(workspace, fileId), FILENAME, CONTENT_TYPE,
        BYTES.length, Optional.empty(), FileStatus.PENDING, Optional.empty(), 0, false,
        Instant.now().truncatedTo(ChronoUnit.MILLIS), Optional.empty());
  }

  private static int poolSize(LoadRunner runner, Measurement create) {
    Integer fixed = Integer.getInteger(POOL_PROPERTY);
    if (fixed != null) {
      return fixed;
    }
    double seconds = runner.callingTime().toMillis() / 1000.0;
    return (int) Math.ceil(create.throughput() * seconds * POOL_MARGIN) + create.clients();
  }

  /** Writes PENDING records and PUTs their objects, concurrently, before a run. */
  private static final class Preparer implements AutoCloseable {
    private final CassandraFileStore files;
    private final S3Store s3;
    private final ExecutorService threads = Executors.newFixedThreadPool(PREPARE_THREADS);

    Preparer(CassandraFileStore files, S3Store s3) {
      this.files = files;
      this.s3 = s3;
    }

    UploadPool pool(UUID workspace, int size) throws Exception {
      List<Future<FileRecord>> prepared = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        prepared.add(threads.submit(() -> {
          FileRecord file = pending(workspace);
          files.insertPending(file, PENDING_TTL);
          s3.client().putObject(put -> put.bucket(s3.bucket()).key(file.objectKey()).contentType(CONTENT_TYPE)
              .contentLength((long) BYTES.length), RequestBody.fromBytes(BYTES));
          return file;
        }));
      }
      List<FileRecord> uploads = new ArrayList<>(size);
      for (Future<FileRecord> file : prepared) {
        uploads.add(file.get());
      }
      return new UploadPool(uploads);
    }

    @Override
    public void close() {
      threads.shutdownNow();
    }
  }

  /** One run's uploads, each handed out once; running out fails the run rather than measure repeats. */
  private static final class UploadPool {
    private final List<FileRecord> uploads;
    private final AtomicInteger next = new AtomicInteger();

    UploadPool(List<FileRecord> uploads) {
      this.uploads = uploads;
    }

    FileRecord take() {
      int index = next.getAndIncrement();
      if (index >= uploads.size()) {
        throw new IllegalStateException("the " + uploads.size() + " prepared PENDING uploads ran out;"
            + " set -D" + POOL_PROPERTY + " to more");
      }
      return uploads.get(index);
    }
  }
}
