package dev.polystore.admin;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.s3.S3Config;
import dev.polystore.platform.s3.S3Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket exports go to, reached as the files service reaches its own: the same S3 binding and
 * settings ({@code S3_REGION}, {@code S3_ENDPOINT}, credentials), with the bucket taken from the
 * export's location. Every object is written with {@link Encryption}.
 */
public final class BackupBucket implements AutoCloseable {
  /** Exports move large objects: far longer than the gateway's per-call timeout. */
  private static final String CALL_TIMEOUT_MS = "120000";

  private final S3Store store;
  private final String bucket;
  private final Encryption encryption;

  public BackupBucket(Map<String, String> env, String bucket) {
    Map<String, String> values = new HashMap<>(env);
    values.put(S3Config.BUCKET, bucket);
    values.put(S3Config.REQUEST_TIMEOUT_MS, CALL_TIMEOUT_MS);
    this.store = new S3Store(S3Config.fromEnv(new Env(values)));
    this.bucket = bucket;
    this.encryption = Encryption.fromEnv(new Env(env));
  }

  public void upload(Path file, String key) {
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key);
    encryption.apply(put);
    client().putObject(put.build(), RequestBody.fromFile(file));
  }

  public void upload(byte[] bytes, String key) {
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key);
    encryption.apply(put);
    client().putObject(put.build(), RequestBody.fromBytes(bytes));
  }

  /** Uploads a file with a progress line every few seconds (the bytes S3 has taken) and one at the end. */
  public void upload(Path file, String key, PrintStream out, String step) {
    long size = ExportCommand.size(file);
    Progress progress = new Progress(out, step, "bytes", size);
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key);
    encryption.apply(put);
    try (InputStream in = new CountingInput(Files.newInputStream(file), progress)) {
      client().putObject(put.build(), RequestBody.fromInputStream(in, size));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.finish();
  }

  /**
   * Downloads an object with progress lines, then checks its SHA-256 against what the manifest (or
   * base backup record) says, so damaged bytes are found before anything is written from them.
   */
  public void downloadVerified(String key, Path file, long bytes, String sha256, PrintStream out, String step) {
    Progress progress = new Progress(out, step, "bytes", bytes);
    try (InputStream in = new CountingInput(client().getObject(get -> get.bucket(bucket).key(key)), progress)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.finish();
    String actual = Sha256.of(file);
    if (!actual.equals(sha256)) {
      throw new AdminFailure(key + " has SHA-256 " + actual + " where " + sha256 + " was recorded: the backup is"
          + " damaged; nothing was restored from it");
    }
  }

  public void download(String key, Path file) {
    ExportCommand.delete(file);
    client().getObject(get -> get.bucket(bucket).key(key), file);
  }

  public Optional<byte[]> read(String key) {
    try {
      ResponseBytes<?> bytes = client().getObjectAsBytes(get -> get.bucket(bucket).key(key));
      return Optional.of(bytes.asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /** The keys under a prefix, in S3's (lexicographic) order. */
  public List<String> keys(String prefix) {
    return client().listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }

  public void delete(String key) {
    client().deleteObject(delete -> delete.bucket(bucket).key(key));
  }

  private S3Client client() {
    return store.client();
  }

  @Override
  public void close() {
    store.close();
  }
}
