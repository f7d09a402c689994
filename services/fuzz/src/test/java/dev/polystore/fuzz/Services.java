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
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each service served as its own tests serve it (a ServedModule on a loopback port, with the
 * platform's interceptors), on fresh data of devstack's stores. Each returns at once; its store
 * migrates in the background (await SERVING on the result).
 */
final class Services {
  private Services() {}

  static Served accounts() {
    return postgres(new PostgresServedModule<>(AccountsModule.NAME,
        List.of("users", "workspaces", "memberships", "api_keys", "create_requests"),
        config -> AccountsModule.create(config, Duration.ofHours(1))));
  }

  static Served messenger() {
    return postgres(new PostgresServedModule<>(MessengerModule.NAME, List.of("rooms", "room_members", "messages", "create_requests"),
        MessengerModule::create));
  }

  static Served activity() {
    TestKeyspace keyspace = new TestKeyspace(ActivityModule.NAME,
        List.of("events_by_day", "events_by_type", "event_ids", "daily_counts"));
    ServedModule<ActivityModule> served =
        new ServedModule<>(ActivityModule.create(keyspace.config, keyspace.name, Duration.ofDays(90)));
    return new Served(served.module.grpcServiceName(), served.channel, keyspace::contents, () -> {
      served.close();
      keyspace.close();
    });
  }

  static Served files() {
    TestKeyspace keyspace = new TestKeyspace(FilesModule.NAME, List.of("files", "files_by_workspace", "pending_uploads"));
    LocalS3 s3 = Devstack.s3();
    String bucket = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    Map<String, String> env = new HashMap<>(s3.env());
    env.put(S3Config.BUCKET, bucket);
    ServedModule<FilesModule> served = new ServedModule<>(
        FilesModule.create(keyspace.config, keyspace.name, S3Config.fromEnv(new Env(env)), new Env(env)));
    return new Served(served.module.grpcServiceName(), served.channel, () -> {
      Map<String, String> contents = new LinkedHashMap<>(keyspace.contents());
      contents.put("bucket " + bucket, s3.objectKeys(bucket).toString());
      return contents;
    }, () -> {
      served.close();
      keyspace.close();
    });
  }

  static Served presence() {
    LocalValkey valkey = Devstack.valkey();
    ServedModule<PresenceModule> served = new ServedModule<>(PresenceModule.fromEnv(new Env(valkey.env())));
    return new Served(served.module.grpcServiceName(), served.channel,
        () -> Map.of("valkey keys", Long.toString(valkey.dbSize())), served);
  }

  /** On the embedded vector engine in {@code data}, with the real in-process embedder. */
  static Served search(Path data) {
    ServedModule<SearchModule> served =
        new ServedModule<>(SearchModule.create(new LuceneVectorStore(data), new MiniLmEmbedder(), "fuzz-"));
    return new Served(served.module.grpcServiceName(), served.channel, () -> LuceneDocuments.count(data), served);
  }

  private static Served postgres(PostgresServedModule<?> served) {
    return new Served(served.module.grpcServiceName(), served.channel, served::tableContents, served);
  }
}
