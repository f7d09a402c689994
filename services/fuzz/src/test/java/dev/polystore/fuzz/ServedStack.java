package dev.polystore.fuzz;

import dev.polystore.accounts.AccountsModule;
import dev.polystore.activity.ActivityModule;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalS3;
import dev.polystore.devstack.LocalValkey;
import dev.polystore.files.FilesModule;
import dev.polystore.messenger.MessengerModule;
import dev.polystore.platform.cassandra.testing.TestKeyspace;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.postgres.testing.PostgresServedModule;
import dev.polystore.platform.s3.S3Config;
import dev.polystore.platform.testing.ServedModule;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.presence.PresenceModule;
import dev.polystore.search.SearchModule;
import dev.polystore.search.embedding.MiniLmEmbedder;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Every service served as its own tests serve it (a ServedModule on a loopback port, the
 * platform's interceptors), each on fresh data of devstack's stores, with what each store holds
 * for a before-and-after comparison.
 */
final class ServedStack implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(150);

  /** One served service: its channel, and what its stores hold now. */
  record Served(String service, ManagedChannel channel, Callable<Map<String, String>> contents) {}

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final Map<String, Served> served = new LinkedHashMap<>();
  private final Map<String, Awaitable> pending = new LinkedHashMap<>();

  private interface Awaitable {
    ServingStatus await(Duration limit) throws InterruptedException;
  }

  /** Starts every service (stores migrate in parallel) and waits until all are SERVING. */
  ServedStack(Path vectorData) throws Exception {
    try {
      postgres(new PostgresServedModule<>(AccountsModule.NAME, List.of("users", "workspaces", "memberships", "api_keys"),
              config -> AccountsModule.create(config, Duration.ofHours(1))));
      postgres(new PostgresServedModule<>(MessengerModule.NAME, List.of("rooms", "room_members", "messages"),
              MessengerModule::create));
      TestKeyspace activity = keyspace("activity", "events_by_day", "events_by_type", "event_ids", "daily_counts");
      serve(new ServedModule<>(ActivityModule.create(activity.config, activity.name, Duration.ofDays(90))),
          activity::contents);
      TestKeyspace files = keyspace("files", "files", "files_by_workspace", "pending_uploads");
      LocalS3 s3 = Devstack.s3();
      String bucket = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
      s3.createBucket(bucket);
      Map<String, String> env = new HashMap<>(s3.env());
      env.put(S3Config.BUCKET, bucket);
      serve(new ServedModule<>(FilesModule.create(files.config, files.name, S3Config.fromEnv(new Env(env)),
          new Env(env))), () -> {
            Map<String, String> contents = new LinkedHashMap<>(files.contents());
            contents.put("bucket " + bucket, s3.objectKeys(bucket).toString());
            return contents;
          });
      LocalValkey valkey = Devstack.valkey();
      serve(new ServedModule<>(PresenceModule.fromEnv(new Env(valkey.env()))),
          () -> Map.of("valkey keys", Long.toString(valkey.dbSize())));
      serve(new ServedModule<>(SearchModule.create(new LuceneVectorStore(vectorData), new MiniLmEmbedder(), "fuzz-")),
          () -> LuceneDocuments.count(vectorData));
      for (Map.Entry<String, Awaitable> service : pending.entrySet()) {
        ServingStatus status = service.getValue().await(START_LIMIT);
        if (status != ServingStatus.SERVING) {
          throw new IllegalStateException(service.getKey() + " did not become SERVING: " + status);
        }
      }
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  Map<String, Served> services() {
    return served;
  }

  /** What every store of every service holds now. */
  Map<String, String> contents() throws Exception {
    Map<String, String> all = new LinkedHashMap<>();
    for (Served service : served.values()) {
      service.contents().call().forEach((what, held) -> all.put(service.service() + " " + what, held));
    }
    return all;
  }

  private void postgres(PostgresServedModule<?> module) {
    closing.add(module);
    String service = module.module.grpcServiceName();
    served.put(service, new Served(service, module.channel, module::tableContents));
    pending.put(service, limit -> module.awaitStatus(ServingStatus.SERVING, limit));
  }

  private TestKeyspace keyspace(String service, String... tables) {
    TestKeyspace keyspace = new TestKeyspace(service, List.of(tables));
    closing.add(keyspace);
    return keyspace;
  }

  private void serve(ServedModule<?> module, Callable<Map<String, String>> contents) {
    closing.add(module);
    String service = module.module.grpcServiceName();
    served.put(service, new Served(service, module.channel, contents));
    pending.put(service, limit -> module.awaitStatus(ServingStatus.SERVING, limit));
  }

  @Override
  public void close() {
    // Servers before their keyspaces: reversed, as they were added after them.
    for (int i = closing.size() - 1; i >= 0; i--) {
      try {
        closing.get(i).close();
      } catch (Exception e) {
        System.err.println("could not close " + closing.get(i) + ": " + e);
      }
    }
  }
}
